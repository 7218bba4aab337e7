"""The 2026 campaigns (one per observance the plan names) and a few news items reporting on
them. Each campaign names the plan item it carries out by its reference in the plan ("IV.3")."""

import datetime

D = datetime.date

CAMPAIGNS = [
    {
        "slug": "ngay-quoc-te-phu-nu-8-3-2026",
        "title": "Kỷ niệm Ngày Quốc tế Phụ nữ 8/3/2026",
        "observance": "international-womens-day",
        "start_date": D(2026, 3, 2),
        "end_date": D(2026, 3, 8),
        "plan_item": "IV.3",
        "summary": (
            "Tuần lễ tôn vinh cô giáo, nữ nhân viên và nữ sinh của trường nhân Ngày Quốc tế Phụ "
            "nữ, với buổi sinh hoạt dưới cờ và góc thư cảm ơn."
        ),
        "image": "hoa-8-3",
        "activities": [
            (
                D(2026, 3, 2),
                "Sinh hoạt dưới cờ: lịch sử Ngày Quốc tế Phụ nữ",
                "Sân trường",
                "Toàn trường",
            ),
            (
                D(2026, 3, 6),
                "Góc thư cảm ơn gửi cô giáo và nữ nhân viên",
                "Thư viện",
                "Học sinh các lớp",
            ),
        ],
        "body": (
            "Nhân kỷ niệm 116 năm Ngày Quốc tế Phụ nữ, BCH Đoàn trường tổ chức chuỗi hoạt động "
            "tôn vinh những đóng góp của cô giáo, nữ nhân viên và nữ sinh trong dạy và học."
        ),
    },
    {
        "slug": "ngay-quoc-te-hanh-phuc-20-3-2026",
        "title": "Hưởng ứng Ngày Quốc tế Hạnh phúc 20/3/2026",
        "observance": "happiness-day",
        "start_date": D(2026, 3, 16),
        "end_date": D(2026, 3, 20),
        "plan_item": "IV.3",
        "summary": (
            "Tuần “Lớp học hạnh phúc”: mỗi lớp chia sẻ một việc làm nhỏ giúp bạn bè cùng được "
            "tôn trọng và lắng nghe."
        ),
        "image": "lop-hoc-hanh-phuc",
        "activities": [
            (D(2026, 3, 16), "Phát động tuần “Lớp học hạnh phúc”", "Sân trường", "Toàn trường"),
            (
                D(2026, 3, 20),
                "Triển lãm ảnh “Khoảnh khắc hạnh phúc”",
                "Hành lang khu A",
                "Học sinh, giáo viên",
            ),
        ],
        "body": (
            "Hạnh phúc học đường bắt đầu từ sự tôn trọng và bình đẳng giữa các bạn nam và nữ. "
            "Mỗi lớp ghi lại một việc làm tốt và chia sẻ trên bảng tin của trường."
        ),
    },
    {
        "slug": "ngay-gia-dinh-viet-nam-28-6-2026",
        "title": "Ngày Gia đình Việt Nam 28/6/2026: chia sẻ việc nhà",
        "observance": "family-day",
        "start_date": D(2026, 6, 22),
        "end_date": D(2026, 6, 28),
        "plan_item": "IV.3",
        "summary": (
            "Thử thách hè “Cùng làm việc nhà”: học sinh chụp ảnh cùng gia đình chia sẻ việc nhà, "
            "không phân biệt việc của nam hay của nữ."
        ),
        "image": "gia-dinh",
        "activities": [
            (
                D(2026, 6, 22),
                "Phát động thử thách “Cùng làm việc nhà”",
                "Trang thông tin điện tử của trường",
                "Học sinh và gia đình",
            ),
            (D(2026, 6, 28), "Tổng kết và trao giải ảnh đẹp", "Hội trường", "Học sinh, phụ huynh"),
        ],
        "body": (
            "Gia đình là nơi đầu tiên các em học về bình đẳng giới. Thử thách hè khuyến khích "
            "mọi thành viên cùng chia sẻ việc nhà."
        ),
    },
    {
        "slug": "ngay-phu-nu-viet-nam-20-10-2026",
        "title": "Kỷ niệm 96 năm Ngày Phụ nữ Việt Nam 20/10/2026",
        "observance": "vietnamese-womens-day",
        "start_date": D(2026, 10, 12),
        "end_date": D(2026, 10, 20),
        "plan_item": "IV.3",
        "summary": (
            "Hội thi vẽ tranh “Bình đẳng giới trong mắt em” và buổi gặp mặt cô giáo, nữ nhân "
            "viên nhân kỷ niệm Ngày thành lập Hội Liên hiệp Phụ nữ Việt Nam."
        ),
        "image": "tranh-ve",
        "activities": [
            (
                D(2026, 10, 12),
                "Phát động hội thi vẽ tranh “Bình đẳng giới trong mắt em”",
                "Sân trường",
                "Học sinh khối 10, 11",
            ),
            (
                D(2026, 10, 19),
                "Triển lãm và trao giải hội thi vẽ tranh",
                "Hội trường",
                "Toàn trường",
            ),
            (
                D(2026, 10, 20),
                "Gặp mặt cô giáo và nữ nhân viên",
                "Phòng hội đồng",
                "Cán bộ, giáo viên, nhân viên",
            ),
        ],
        "body": (
            "Hội thi giúp học sinh thể hiện suy nghĩ của mình về bình đẳng giới qua màu sắc và "
            "hình ảnh; các tác phẩm đoạt giải được trưng bày tại hội trường."
        ),
    },
    {
        "slug": "thang-hanh-dong-vi-binh-dang-gioi-2026",
        "title": "Tháng hành động vì bình đẳng giới và phòng, chống bạo lực trên cơ sở giới 2026",
        "observance": "action-month",
        "start_date": D(2026, 11, 15),
        "end_date": D(2026, 12, 15),
        "plan_item": "II.2",
        "summary": (
            "Từ 15/11 đến 15/12, toàn trường tham gia các hoạt động tuyên truyền, tọa đàm và "
            "cam kết nói không với bạo lực trên cơ sở giới."
        ),
        "image": "thang-hanh-dong",
        "activities": [
            (
                D(2026, 11, 16),
                "Sinh hoạt dưới cờ phát động Tháng hành động",
                "Sân trường",
                "Toàn trường",
            ),
            (
                D(2026, 11, 20),
                "Tọa đàm “Nhận diện bạo lực trên cơ sở giới”",
                "Hội trường",
                "Học sinh khối 11, 12",
            ),
            (
                D(2026, 12, 4),
                "Ký cam kết “Lớp học an toàn, không bạo lực”",
                "Các lớp",
                "Học sinh các lớp",
            ),
            (
                D(2026, 12, 15),
                "Tổng kết Tháng hành động",
                "Hội trường",
                "Đại diện các lớp, giáo viên chủ nhiệm",
            ),
        ],
        "body": (
            "Tháng hành động năm nay tập trung vào phòng ngừa bạo lực học đường và bạo lực trên "
            "cơ sở giới, giúp học sinh biết cách nhận diện, ứng phó và tìm kiếm hỗ trợ."
        ),
    },
    {
        "slug": "ngay-quoc-te-xoa-bo-bao-luc-doi-voi-phu-nu-25-11-2026",
        "title": "Hưởng ứng Ngày Quốc tế xóa bỏ bạo lực đối với phụ nữ 25/11/2026",
        "observance": "elimination-of-violence-day",
        "start_date": D(2026, 11, 23),
        "end_date": D(2026, 11, 28),
        "plan_item": "II.1",
        "summary": (
            "Tuần lễ “Sắc cam” hưởng ứng Ngày 25/11: thắp sáng màu cam ở mỗi lớp học và chia sẻ "
            "thông tin đường dây nóng hỗ trợ."
        ),
        "image": "sac-cam",
        "activities": [
            (D(2026, 11, 23), "Trang trí lớp học với màu cam", "Các lớp", "Học sinh các lớp"),
            (D(2026, 11, 25), "Phát thanh học đường về Ngày 25/11", "Sân trường", "Toàn trường"),
        ],
        "body": (
            "Màu cam tượng trưng cho một tương lai tươi sáng, không còn bạo lực đối với phụ nữ "
            "và trẻ em gái. Mỗi lớp nhận một dải ruy băng cam và một tờ thông tin hỗ trợ."
        ),
    },
]

NEWS = [
    {
        "slug": "tuan-le-ton-vinh-phu-nu-8-3",
        "title": "Học sinh gửi hơn 300 lá thư cảm ơn cô giáo nhân Ngày 8/3",
        "date": D(2026, 3, 6),
        "campaign": "ngay-quoc-te-phu-nu-8-3-2026",
        "tags": ["8/3", "tri ân"],
        "image": "hoa-8-3",
        "summary": "Góc thư cảm ơn tại thư viện đã nhận hơn 300 lá thư học sinh viết tặng cô giáo.",
        "body": (
            "Trong tuần lễ kỷ niệm Ngày Quốc tế Phụ nữ, học sinh các lớp đã viết hơn 300 lá thư "
            "cảm ơn gửi cô giáo và nữ nhân viên của trường."
        ),
    },
    {
        "slug": "trao-giai-hoi-thi-ve-tranh-binh-dang-gioi",
        "title": "Trao giải hội thi vẽ tranh “Bình đẳng giới trong mắt em”",
        "date": D(2026, 10, 19),
        "campaign": "ngay-phu-nu-viet-nam-20-10-2026",
        "tags": ["20/10", "hội thi"],
        "image": "tranh-ve",
        "summary": "42 tác phẩm của học sinh khối 10 và 11 được trưng bày; 6 tác phẩm đoạt giải.",
        "body": (
            "Sau một tuần phát động, hội thi nhận được 42 tác phẩm. Ban giám khảo đã chọn 6 tác "
            "phẩm đoạt giải, thể hiện sinh động thông điệp chia sẻ việc nhà và tôn trọng nhau."
        ),
    },
    {
        "slug": "phat-dong-thang-hanh-dong-2026",
        "title": "Phát động Tháng hành động vì bình đẳng giới năm 2026",
        "date": D(2026, 11, 16),
        "campaign": "thang-hanh-dong-vi-binh-dang-gioi-2026",
        "tags": ["tháng hành động", "tuyên truyền"],
        "image": "thang-hanh-dong",
        "summary": "Buổi sinh hoạt dưới cờ sáng thứ Hai mở đầu Tháng hành động với sự tham gia của toàn trường.",
        "body": (
            "Sáng thứ Hai 16/11/2026, BCH Đoàn trường phát động Tháng hành động vì bình đẳng giới "
            "và phòng, chống bạo lực trên cơ sở giới trong buổi sinh hoạt dưới cờ."
        ),
    },
    {
        "slug": "toa-dam-nhan-dien-bao-luc-tren-co-so-gioi",
        "title": "Tọa đàm “Nhận diện bạo lực trên cơ sở giới” cho học sinh khối 11, 12",
        "date": D(2026, 11, 20),
        "campaign": "thang-hanh-dong-vi-binh-dang-gioi-2026",
        "tags": ["tháng hành động", "tọa đàm"],
        "image": "sac-cam",
        "summary": "Học sinh được hướng dẫn cách nhận diện, ứng phó và tìm kiếm hỗ trợ khi gặp bạo lực.",
        "body": (
            "Buổi tọa đàm giúp học sinh phân biệt các hình thức bạo lực trên cơ sở giới, từ lời "
            "nói, mạng xã hội đến hành vi, và biết tìm đến thầy cô, Ban Vì sự tiến bộ phụ nữ khi "
            "cần hỗ trợ."
        ),
    },
]

# Demo pictures drawn by the loader (no file is fetched): name -> (title, alt text, colours).
IMAGES = {
    "hoa-8-3": (
        "Hoa tặng cô giáo ngày 8/3",
        "Những bó hoa học sinh tặng cô giáo",
        ("#b0306a", "#f6c5d9"),
    ),
    "lop-hoc-hanh-phuc": (
        "Lớp học hạnh phúc",
        "Học sinh cùng cười trong lớp học",
        ("#1f6f8b", "#c9e7f2"),
    ),
    "gia-dinh": ("Cùng làm việc nhà", "Gia đình cùng làm việc nhà", ("#2e7d32", "#d4edd6")),
    "tranh-ve": (
        "Tranh vẽ bình đẳng giới",
        "Tranh vẽ của học sinh về bình đẳng giới",
        ("#6a3fa0", "#e3d7f3"),
    ),
    "thang-hanh-dong": (
        "Tháng hành động",
        "Học sinh xếp hàng dưới cờ phát động Tháng hành động",
        ("#9c4221", "#f7dccd"),
    ),
    "sac-cam": ("Sắc cam 25/11", "Ruy băng màu cam hưởng ứng Ngày 25/11", ("#e8590c", "#ffe3cf")),
}

"""The school's real plan for 2026 (``Kế hoạch thực hiện công tác vì sự tiến bộ phụ nữ và bình
đẳng giới năm 2026``), transcribed part by part as it was issued, typing slips included.

Bullets and paragraphs are kept word for word; the one bullet the source broke across two lines
(``… Ban Vì sự tiến bộ / phụ nữ của nhà trường.``) is one bullet here.
"""

SLUG = "ke-hoach-binh-dang-gioi-2026"

HEADER = {
    "title": "Kế hoạch thực hiện công tác vì sự tiến bộ phụ nữ và bình đẳng giới năm 2026",
    "subject": "Thực hiện công tác vì sự tiến bộ phụ nữ và bình đẳng giới năm 2026",
    "issuing_authority": "SỞ GIÁO DỤC VÀ ĐÀO TẠO THÀNH PHỐ CẦN THƠ",
    "issuer": "TRƯỜNG THPT SÓC TRĂNG",
    "document_number": "",  # not yet numbered in the source: "Số: /KH-THPTST"
    "document_code": "KH-THPTST",
    "place": "Mỹ Xuyên",
    "issued_on": None,  # "ngày tháng năm 2026": signed, date left blank in the source
    "year": 2026,
    "listing_summary": (
        "Kế hoạch của Trường THPT Sóc Trăng về công tác vì sự tiến bộ phụ nữ và bình đẳng "
        "giới năm 2026: mục đích, nội dung, kinh phí và phân công thực hiện."
    ),
}

LEGAL_BASES = [
    "Căn cứ Công văn số 1582/BGDĐT-NGCBQLGD ngày 02/4/2026 của Bộ Giáo dục và Đào tạo về việc "
    "triển khai hướng dẫn công tác vì sự tiến bộ phụ nữ và bình đẳng giới năm 2026;",
    "Thực hiện Công văn số 1637/SGDĐT-TCCB ngày 10/4/2026 của Sở Giáo dục và Đào tạo thành phố "
    "Cần Thơ về việc triển khai hướng dẫn công tác vì sự tiến bộ phụ nữ và bình đẳng giới năm "
    "2026.",
]

PREAMBLE = (
    "Trường THPT Sóc Trăng xây dựng Kế hoạch thực hiện công tác vì sự tiến bộ phụ nữ và bình "
    "đẳng giới năm 2026. Cụ thể như sau:"
)

_EMULATION = (
    "Phong trào thi đua “Đổi mới, sáng tạo trong quản lý, giảng dạy và học tập”; Phong trào "
    "thi đua “Giỏi việc trường - Đảm việc nhà” gắn với phong trào “Phụ nữ tích cực học tập, lao "
    "động sáng tạo, xây dựng gia đình no ấm, bình đẳng, tiến bộ, hạnh phúc”"
)


def _bullets(*items):
    return ("bullets", list(items))


def _paragraph(text):
    return ("paragraph", text)


def _item(title, *content):
    return ("item", {"title": title, "content": list(content)})


def _party(party, *duties):
    return ("responsibility", {"party": party, "duties": list(duties)})


SECTIONS = [
    {
        "heading": "MỤC ĐÍCH, YÊU CẦU",
        "content": [
            _bullets(
                "Nâng cao nhận thức, tạo sự chuyển biến trong cán bộ, giáo viên, nhân viên và học "
                "sinh trong về công tác bình đẳng giới; bảo đảm sự tham gia bình đẳng của phụ nữ "
                "vào các hoạt động của đơn vị.",
                "Tăng cường sự lãnh đạo, chỉ đạo của cấp ủy, chính quyền, trách nhiệm của đoàn "
                "thể, đặc biệt là người đứng đầu trong thực hiện công tác bình đẳng giới, vì sự "
                "tiến bộ của phụ nữ.",
                "Đẩy mạnh tuyên truyền, phổ biến, quán triệt các nội dung văn bản liên quan đến "
                "hoạt động bình đẳng giới và vì sự tiến bộ của phụ nữ đến cán bộ, giáo viên, nhân "
                "viên và học sinh.",
                "Các hoạt động triển khai trong nhà trường đảm bảo thiết thực, hiệu quả, bám sát "
                "hướng dẫn của Bộ Giáo dục và Đào tạo, Sở Giáo dục và Đào tạo và cơ quan liên quan "
                "về công tác bình đẳng giới và vì sự tiến bộ của phụ nữ.",
            )
        ],
    },
    {
        "heading": "NỘI DUNG",
        "content": [
            _item(
                "Tăng cường công tác tuyên truyền",
                _bullets(
                    "Tuyên truyền chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà "
                    "nước về bình đẳng giới và vì sự tiến bộ của phụ nữ nhằm nâng cao nhận thức, "
                    "trách nhiệm của cán bộ quản lý, giáo viên, nhân viên và học sinh trường đối "
                    "với công tác bình đẳng giới qua các hình thức như sinh hoạt dưới cờ, trong "
                    "họp tổ chuyên môn, qua sinh hoạt chủ nhiệm, qua thư điện tử, qua trang thông "
                    "tin điện tử của trường.",
                    "Tăng cường tuyên truyền vai trò, trách nhiệm trong lãnh đạo, quản lý, trong "
                    "công tác chỉ đạo, tổ chức thực hiện các mục tiêu bình đẳng giới và vì sự tiến "
                    "bộ của phụ nữ.",
                ),
            ),
            _item(
                "Tổ chức triển khai thực hiện công tác vì sự tiến bộ phụ nữ và bình đẳng giới; "
                "phòng ngừa, ứng phó với bạo lực trên cơ sở giới",
                _bullets(
                    "Tổ chức triển khai thực hiện Luật Bình đẳng giới, các văn bản hướng dẫn thực "
                    "hiện Luật, chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước "
                    "về công tác phụ nữ, công tác cán bộ nữ; thực hiện Chiến lược quốc gia về bình "
                    "đẳng giới qua các hình thức như sinh hoạt dưới cờ, trong họp tổ chuyên môn, "
                    "qua sinh hoạt chủ nhiệm, qua trang thông tin điện tử của trường.",
                    f"Tiếp tục triển khai hiệu quả {_EMULATION}.",
                    "Đẩy mạnh triển khai các giải pháp nhằm đảm bảo môi trường giáo dục an toàn, "
                    "lành mạnh, thân thiện, phòng, chống bạo lực học đường trong nhà trường; phòng "
                    "ngừa và ứng phó với bạo lực trên cơ sở giới.",
                    "Chú trọng công tác quy hoạch, bổ nhiệm, đào tạo, bồi dưỡng đảm bảo cơ cấu, tỷ "
                    "lệ nữ theo quy định.",
                    "Lòng ghép giảng dạy nội dung về giới, bình đẳng giới cho học sinh vào chương "
                    "trình giáo dục phù hợp.",
                ),
            ),
            _item(
                "Công tác đào tạo, bồi dưỡng",
                _bullets(
                    "Cử cán bộ, giáo viên, nhân viên nữ tham gia các lớp bồi dưỡng, tập huấn chuyên "
                    "môn, nghiệp vụ; tham gia các khóa bồi dưỡng nghiệp vụ công tác vì sự tiến bộ "
                    "của phụ nữ, bình đẳng giới theo quy định.",
                    "Cử cán bộ, giáo viên, nhân viên tham gia hội thảo, tọa đàm về bình đẳng giới "
                    "và phòng, chống bạo lực trên cơ sở giới để chia sẻ, học hỏi kinh nghiệm trong "
                    "lĩnh vực bình đẳng giới và vì sự tiến bộ của phụ nữ giữa các đơn vị, địa "
                    "phương.",
                ),
            ),
            _item(
                "Kiện toàn Ban vì sự tiến bộ của phụ nữ Trường THPT Sóc Trăng",
                _paragraph(
                    "Tiếp tục kiện toàn, củng cố, nâng cao chất lượng hoạt động của Ban Vì sự tiến "
                    "bộ phụ nữ Trường THPT Sóc Trăng, đảm bảo tính ổn định, kế thừa; phân công rõ "
                    "trách nhiệm và nâng cao hiệu quả phối hợp triển khai thực hiện kế hoạch, "
                    "chương trình về bình đẳng giới và vì sự tiến bộ phụ nữ của đơn vị."
                ),
            ),
        ],
    },
    {
        "heading": "KINH PHÍ THỰC HIỆN",
        "content": [
            _paragraph(
                "Kinh phí thực hiện kế hoạch từ nguồn ngân sách được cấp, nguồn chi thường xuyên, "
                "nguồn xã hội hoá hợp pháp."
            )
        ],
    },
    {
        "heading": "TỔ CHỨC THỰC HIỆN",
        "content": [
            _party(
                "Hiệu trưởng, các Phó Hiệu trưởng",
                _bullets(
                    "Tăng cường trách nhiệm của cán bộ quản lý, đặc biệt là người đứng đầu trong "
                    "công tác vì sự tiến bộ phụ nữ và bình đẳng giới.",
                    "Kiện toàn, củng cố, nâng cao chất lượng hoạt động của Ban Vì sự tiến bộ phụ "
                    "nữ của nhà trường.",
                    "Chỉ đạo thực hiện công tác tuyên truyền các nội dung liên quan đến bình đẳng "
                    "giới, vì sự tiến bộ của phụ nữ; thực hiện công tác quy hoạch, bổ nhiệm, đào "
                    "tạo, bồi dưỡng đảm bảo cơ cấu, tỷ lệ nữ theo quy định.",
                    "Phát động thực hiện phong trào thi đua “Đổi mới, sáng tạo trong quản lý, giảng "
                    "dạy và học tập”; phong trào thi đua “Giỏi việc trường - Đảm việc nhà” gắn với "
                    "phong trào “Phụ nữ tích cực học tập, lao động sáng tạo, xây dựng gia đình no "
                    "ấm, bình đẳng, tiến bộ, hạnh phúc”.",
                ),
            ),
            _party(
                "Ban Vì sự tiến bộ của Trường THPT Sóc Trăng",
                _paragraph(
                    "Xây dựng và tổ chức triển khai thực hiện kế hoạch theo mục tiêu, yêu cầu, "
                    "nhiệm vụ đề ra; tham mưu công tác kiểm tra, giám sát việc triển khai thực hiện "
                    "công tác bình đẳng giới và vì sự tiến bộ của phụ nữ trong nhà trường; định kỳ "
                    "tổng hợp, tham mưu với nhà trường báo cáo tình hình triển khai thực hiện công "
                    "tác bình đẳng giới và hoạt động vì sự tiến bộ của phụ nữ của trường."
                ),
            ),
            _party(
                "BCH Đoàn trường",
                _paragraph(
                    "Tổ chức các hoạt động tuyên truyền, phổ biến, nâng cao nhận thức về bình đẳng "
                    "giới, vì sự tiến bộ của phụ nữ cho cán bộ, giáo viên, nhân viên và học sinh "
                    "trường, chú trọng tổ chức các hoạt động kỉ niệm Ngày Phụ nữ Việt Nam 20/10, "
                    "Ngày Quốc tế phụ nữ (8/3), Ngày Quốc tế hạnh phúc (20/3), ngày Gia đình Việt "
                    "Nam (28/6), Tháng hành động vì bình đẳng giới và phòng chống bạo lực trên cơ "
                    "sở giới” (từ ngày 15/11 đến ngày 15/12)."
                ),
            ),
            _party(
                "Giáo viên, nhân viên",
                _bullets(
                    "Giáo viên bộ môn lồng ghép giảng dạy nội dung về giới, bình đẳng giới cho học "
                    "sinh vào chương trình giáo dục phù hợp.",
                    "Giáo viên, nhân viên trường chủ động nghiên cứu Luật Bình đẳng giới, các văn "
                    "bản hướng dẫn thực hiện Luật, chủ trương, đường lối của Đảng, chính sách, pháp "
                    "luật của Nhà nước về công tác phụ nữ, công tác cán bộ nữ; thực hiện Chiến lược "
                    "quốc gia về bình đẳng giới; tích cực tham gia phong trào thi đua “Đổi mới, "
                    "sáng tạo trong quản lý, giảng dạy và học tập”, phong trào thi đua “Giỏi việc "
                    "trường - Đảm việc nhà” gắn với phong trào “Phụ nữ tích cực học tập, lao động "
                    "sáng tạo, xây dựng gia đình no ấm, bình đẳng, tiến bộ, hạnh phúc”.",
                ),
            ),
        ],
    },
]

CLOSING = (
    "Trên đây là Kế hoạch thực hiện công tác vì sự tiến bộ phụ nữ và bình đẳng giới năm 2026 của "
    "Trường THPT Sóc Trăng./."
)

RECIPIENTS = [
    "Hiệu trưởng, các Phó Hiệu trưởng",
    "Viên chức và người lao động",
    "BCH Đoàn trường",
    "Website trường",
    "Lưu: VT",
]

SIGNATURE = {
    "signature_authority": "KT. HIỆU TRƯỞNG",
    "signer_title": "PHÓ HIỆU TRƯỞNG",
    "signer_name": "Quách Tố San",
}

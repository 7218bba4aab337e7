"""The English translation of the demo pages ``load_demo`` puts through the review workflow: the
home page, the three section pages, the 2026 plan, the 8 March and 20 October campaigns and the
news item of each.

``STRINGS`` maps every Vietnamese text wagtail-localize extracts from those pages (one entry per
segment: a field, a block's text, a paragraph of rich text) to its English, so that a segment
missing here is found before anything is saved (``load_demo`` skips such a page and says which
text has no English; ``tests/home/test_demo_translations.py`` fails). Slugs are segments too, and
get English slugs.

Conventions of the translation:

- Bodies have their usual English names: Bộ Giáo dục và Đào tạo, Ministry of Education and
  Training; Sở Giáo dục và Đào tạo thành phố Cần Thơ, Can Tho City Department of Education and
  Training; BCH Đoàn trường, the School Youth Union Executive Committee (of the Ho Chi Minh
  Communist Youth Union); Ban Vì sự tiến bộ phụ nữ, the Committee for the Advancement of Women;
  Hội Liên hiệp Phụ nữ Việt Nam, the Vietnam Women's Union. Place names lose their tone marks
  (Soc Trang, Can Tho), as in the school's English name, Soc Trang High School.
- Kept as they are (``KEPT``): the signer's name, the place in the plan's date line (which stays
  Vietnamese document text, like the national motto) and the document code; the numbers of
  official letters keep their Vietnamese codes (``1582/BGDĐT-NGCBQLGD``), which identify them.
- Dates in text stay day/month, as the site shows them in both languages; titles spell the month
  out (``8 March 2026``), where ``8/3`` would read as 3 August to some readers.
- The plan is translated faithfully, sentence by sentence, its typing slips read as meant
  (``Lòng ghép`` as ``Lồng ghép``, integrate; ``Ban Vì sự tiến bộ của …`` as the Committee for the
  Advancement of Women); its "./." end mark is kept.
"""

# The campaigns translated, by their Vietnamese slug (home/demo/campaigns_news.py).
CAMPAIGNS = [
    "ngay-quoc-te-phu-nu-8-3-2026",
    "ngay-phu-nu-viet-nam-20-10-2026",
]

# The news translated, by their Vietnamese slug: one report of each translated campaign.
NEWS = [
    "tuan-le-ton-vinh-phu-nu-8-3",
    "trao-giai-hoi-thi-ve-tranh-binh-dang-gioi",
]

# Fields whose segment is not text but a reference, the same in every language: the block id of
# the plan item a campaign carries out (translated plans keep their block ids).
COPIED_FIELDS = {"plan_item"}

# Links to other pages that the translation points at their English translation when there is
# one (a synchronised field in wagtail-localize, overridden per language): a campaign's plan, a
# news item's campaign.
LINKED_PAGES = {"plan", "related_campaign"}

# What the committee says when it approves a translation (in Vietnamese, the reviewers' language).
COMMITTEE_COMMENT = "Bản tiếng Anh đúng với bản tiếng Việt."

# Proper names and codes the English keeps as they are.
KEPT = {
    "Quách Tố San",
    "Mỹ Xuyên",
    "KH-THPTST",
}

# Movement names the plan quotes several times, translated once.
_INNOVATION = "“Innovation and creativity in management, teaching and learning”"
_SCHOOL_AND_HOME = "“Good at school work, good at housework”"
_WOMEN = (
    "“Women actively study and work creatively, and build prosperous, equal, progressive and "
    "happy families”"
)
_EMULATION = (
    f"the emulation movement {_INNOVATION}; the emulation movement {_SCHOOL_AND_HOME} together "
    f"with the movement {_WOMEN}"
)

YOUTH_UNION = "School Youth Union Executive Committee"
LEADERSHIP = "Principal and Vice Principals"

STRINGS = {
    **{text: text for text in KEPT},
    # Home page -------------------------------------------------------------------------------
    "Bình đẳng giới": "Gender equality",
    "trang-chu": "home",
    "Trang thông tin về công tác vì sự tiến bộ phụ nữ và bình đẳng giới của Trường THPT Sóc "
    "Trăng: kế hoạch của nhà trường, các chiến dịch theo từng ngày kỷ niệm và tin hoạt động của "
    "học sinh, giáo viên.": (
        "Soc Trang High School's website on its work for the advancement of women and gender "
        "equality: the school's plans, a campaign for each observance of the year, and news of "
        "what students and teachers do."
    ),
    # Section pages ---------------------------------------------------------------------------
    "Kế hoạch": "Plans",
    "ke-hoach": "plans",
    "Các kế hoạch của nhà trường về công tác vì sự tiến bộ phụ nữ và bình đẳng giới.": (
        "The school's plans for the advancement of women and gender equality."
    ),
    "Chiến dịch": "Campaigns",
    "chien-dich": "campaigns",
    "Các chiến dịch hưởng ứng những ngày kỷ niệm trong năm, thực hiện kế hoạch của nhà trường.": (
        "Campaigns marking the observances of the year, carrying out the school's plan."
    ),
    "Tin tức": "News",
    "tin-tuc": "news",
    "Tin hoạt động vì sự tiến bộ phụ nữ và bình đẳng giới của nhà trường.": (
        "News of the school's activities for the advancement of women and gender equality."
    ),
    # The 2026 plan: header -------------------------------------------------------------------
    "Kế hoạch thực hiện công tác vì sự tiến bộ phụ nữ và bình đẳng giới năm 2026": (
        "Plan for the advancement of women and gender equality in 2026"
    ),
    "ke-hoach-binh-dang-gioi-2026": "gender-equality-plan-2026",
    "Thực hiện công tác vì sự tiến bộ phụ nữ và bình đẳng giới năm 2026": (
        "Carrying out work for the advancement of women and gender equality in 2026"
    ),
    "SỞ GIÁO DỤC VÀ ĐÀO TẠO THÀNH PHỐ CẦN THƠ": "CAN THO CITY DEPARTMENT OF EDUCATION AND TRAINING",
    "TRƯỜNG THPT SÓC TRĂNG": "SOC TRANG HIGH SCHOOL",
    "Kế hoạch của Trường THPT Sóc Trăng về công tác vì sự tiến bộ phụ nữ và bình đẳng giới năm "
    "2026: mục đích, nội dung, kinh phí và phân công thực hiện.": (
        "Soc Trang High School's plan for the advancement of women and gender equality in 2026: "
        "its aims, content, funding and who carries out what."
    ),
    # Legal bases and preamble
    "Căn cứ Công văn số 1582/BGDĐT-NGCBQLGD ngày 02/4/2026 của Bộ Giáo dục và Đào tạo về việc "
    "triển khai hướng dẫn công tác vì sự tiến bộ phụ nữ và bình đẳng giới năm 2026;": (
        "Pursuant to Official Letter No. 1582/BGDĐT-NGCBQLGD of 02/4/2026 of the Ministry of "
        "Education and Training on implementing the guidance on work for the advancement of women "
        "and gender equality in 2026;"
    ),
    "Thực hiện Công văn số 1637/SGDĐT-TCCB ngày 10/4/2026 của Sở Giáo dục và Đào tạo thành phố "
    "Cần Thơ về việc triển khai hướng dẫn công tác vì sự tiến bộ phụ nữ và bình đẳng giới năm "
    "2026.": (
        "In accordance with Official Letter No. 1637/SGDĐT-TCCB of 10/4/2026 of the Can Tho City "
        "Department of Education and Training on implementing the guidance on work for the "
        "advancement of women and gender equality in 2026."
    ),
    "Trường THPT Sóc Trăng xây dựng Kế hoạch thực hiện công tác vì sự tiến bộ phụ nữ và bình "
    "đẳng giới năm 2026. Cụ thể như sau:": (
        "Soc Trang High School draws up its Plan for the advancement of women and gender equality "
        "in 2026, as follows:"
    ),
    # I. Aims and requirements ----------------------------------------------------------------
    "MỤC ĐÍCH, YÊU CẦU": "AIMS AND REQUIREMENTS",
    "Nâng cao nhận thức, tạo sự chuyển biến trong cán bộ, giáo viên, nhân viên và học sinh trong "
    "về công tác bình đẳng giới; bảo đảm sự tham gia bình đẳng của phụ nữ vào các hoạt động của "
    "đơn vị.": (
        "Raise awareness of gender equality among administrators, teachers, staff and students "
        "and bring about a real change in attitudes; ensure that women take part equally in the "
        "school's activities."
    ),
    "Tăng cường sự lãnh đạo, chỉ đạo của cấp ủy, chính quyền, trách nhiệm của đoàn thể, đặc biệt "
    "là người đứng đầu trong thực hiện công tác bình đẳng giới, vì sự tiến bộ của phụ nữ.": (
        "Strengthen the leadership and direction of the Party committee and the school's "
        "administration and the responsibility of its mass organisations, above all of the head "
        "of the school, in carrying out work for gender equality and the advancement of women."
    ),
    "Đẩy mạnh tuyên truyền, phổ biến, quán triệt các nội dung văn bản liên quan đến hoạt động "
    "bình đẳng giới và vì sự tiến bộ của phụ nữ đến cán bộ, giáo viên, nhân viên và học sinh.": (
        "Step up communication, dissemination and thorough understanding of the documents on "
        "gender equality and the advancement of women among administrators, teachers, staff and "
        "students."
    ),
    "Các hoạt động triển khai trong nhà trường đảm bảo thiết thực, hiệu quả, bám sát hướng dẫn "
    "của Bộ Giáo dục và Đào tạo, Sở Giáo dục và Đào tạo và cơ quan liên quan về công tác bình "
    "đẳng giới và vì sự tiến bộ của phụ nữ.": (
        "The activities carried out in the school are practical and effective, and follow closely "
        "the guidance of the Ministry of Education and Training, the Department of Education and "
        "Training and the relevant agencies on gender equality and the advancement of women."
    ),
    # II. Content -----------------------------------------------------------------------------
    "NỘI DUNG": "CONTENT",
    "Tăng cường công tác tuyên truyền": "Strengthening communication and awareness-raising",
    "Tuyên truyền chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước về bình đẳng "
    "giới và vì sự tiến bộ của phụ nữ nhằm nâng cao nhận thức, trách nhiệm của cán bộ quản lý, "
    "giáo viên, nhân viên và học sinh trường đối với công tác bình đẳng giới qua các hình thức như "
    "sinh hoạt dưới cờ, trong họp tổ chuyên môn, qua sinh hoạt chủ nhiệm, qua thư điện tử, qua "
    "trang thông tin điện tử của trường.": (
        "Communicate the Party's guidelines and the State's policies and laws on gender equality "
        "and the advancement of women, so as to raise the awareness and sense of responsibility of "
        "the school's managers, teachers, staff and students for gender equality, through "
        "flag-salute assemblies, subject-group meetings, homeroom class meetings, email and the "
        "school's website."
    ),
    "Tăng cường tuyên truyền vai trò, trách nhiệm trong lãnh đạo, quản lý, trong công tác chỉ "
    "đạo, tổ chức thực hiện các mục tiêu bình đẳng giới và vì sự tiến bộ của phụ nữ.": (
        "Give more prominence to the role and responsibility of leadership and management in "
        "directing and organising the achievement of the goals of gender equality and the "
        "advancement of women."
    ),
    "Tổ chức triển khai thực hiện công tác vì sự tiến bộ phụ nữ và bình đẳng giới; phòng ngừa, "
    "ứng phó với bạo lực trên cơ sở giới": (
        "Carrying out work for the advancement of women and gender equality; preventing and "
        "responding to gender-based violence"
    ),
    "Tổ chức triển khai thực hiện Luật Bình đẳng giới, các văn bản hướng dẫn thực hiện Luật, chủ "
    "trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước về công tác phụ nữ, công tác "
    "cán bộ nữ; thực hiện Chiến lược quốc gia về bình đẳng giới qua các hình thức như sinh hoạt "
    "dưới cờ, trong họp tổ chuyên môn, qua sinh hoạt chủ nhiệm, qua trang thông tin điện tử của "
    "trường.": (
        "Implement the Law on Gender Equality and the documents guiding its implementation, and "
        "the Party's guidelines and the State's policies and laws on work with women and on women "
        "staff; carry out the National Strategy on Gender Equality, through flag-salute "
        "assemblies, subject-group meetings, homeroom class meetings and the school's website."
    ),
    "Tiếp tục triển khai hiệu quả Phong trào thi đua “Đổi mới, sáng tạo trong quản lý, giảng dạy "
    "và học tập”; Phong trào thi đua “Giỏi việc trường - Đảm việc nhà” gắn với phong trào “Phụ nữ "
    "tích cực học tập, lao động sáng tạo, xây dựng gia đình no ấm, bình đẳng, tiến bộ, hạnh "
    "phúc”.": f"Continue to carry out effectively {_EMULATION}.",
    "Đẩy mạnh triển khai các giải pháp nhằm đảm bảo môi trường giáo dục an toàn, lành mạnh, thân "
    "thiện, phòng, chống bạo lực học đường trong nhà trường; phòng ngừa và ứng phó với bạo lực "
    "trên cơ sở giới.": (
        "Step up measures that ensure a safe, healthy and friendly learning environment and "
        "prevent and combat violence in the school; prevent and respond to gender-based violence."
    ),
    "Chú trọng công tác quy hoạch, bổ nhiệm, đào tạo, bồi dưỡng đảm bảo cơ cấu, tỷ lệ nữ theo quy "
    "định.": (
        "Give due attention to succession planning, appointments, training and professional "
        "development, so that women make up the share of staff the regulations require."
    ),
    "Lòng ghép giảng dạy nội dung về giới, bình đẳng giới cho học sinh vào chương trình giáo dục "
    "phù hợp.": (
        "Integrate teaching on gender and gender equality into the students' curriculum where "
        "appropriate."
    ),
    "Công tác đào tạo, bồi dưỡng": "Training and professional development",
    "Cử cán bộ, giáo viên, nhân viên nữ tham gia các lớp bồi dưỡng, tập huấn chuyên môn, nghiệp "
    "vụ; tham gia các khóa bồi dưỡng nghiệp vụ công tác vì sự tiến bộ của phụ nữ, bình đẳng giới "
    "theo quy định.": (
        "Send women administrators, teachers and staff to professional training and refresher "
        "courses, and to courses on work for the advancement of women and gender equality, as the "
        "regulations provide."
    ),
    "Cử cán bộ, giáo viên, nhân viên tham gia hội thảo, tọa đàm về bình đẳng giới và phòng, chống "
    "bạo lực trên cơ sở giới để chia sẻ, học hỏi kinh nghiệm trong lĩnh vực bình đẳng giới và vì "
    "sự tiến bộ của phụ nữ giữa các đơn vị, địa phương.": (
        "Send administrators, teachers and staff to workshops and seminars on gender equality and "
        "on preventing and combating gender-based violence, to share experience of gender "
        "equality and the advancement of women with other schools and localities and learn from "
        "theirs."
    ),
    "Kiện toàn Ban vì sự tiến bộ của phụ nữ Trường THPT Sóc Trăng": (
        "Strengthening the Committee for the Advancement of Women of Soc Trang High School"
    ),
    "Tiếp tục kiện toàn, củng cố, nâng cao chất lượng hoạt động của Ban Vì sự tiến bộ phụ nữ "
    "Trường THPT Sóc Trăng, đảm bảo tính ổn định, kế thừa; phân công rõ trách nhiệm và nâng cao "
    "hiệu quả phối hợp triển khai thực hiện kế hoạch, chương trình về bình đẳng giới và vì sự "
    "tiến bộ phụ nữ của đơn vị.": (
        "Continue to strengthen and consolidate the Committee for the Advancement of Women of Soc "
        "Trang High School and improve the quality of its work, ensuring its stability and "
        "continuity; assign responsibilities clearly and coordinate more effectively in carrying "
        "out the school's plans and programmes for gender equality and the advancement of women."
    ),
    # III. Funding ----------------------------------------------------------------------------
    "KINH PHÍ THỰC HIỆN": "FUNDING",
    "Kinh phí thực hiện kế hoạch từ nguồn ngân sách được cấp, nguồn chi thường xuyên, nguồn xã "
    "hội hoá hợp pháp.": (
        "The plan is funded from the allocated budget, from recurrent expenditure and from lawful "
        "private contributions."
    ),
    # IV. Implementation ----------------------------------------------------------------------
    "TỔ CHỨC THỰC HIỆN": "IMPLEMENTATION",
    "Hiệu trưởng, các Phó Hiệu trưởng": LEADERSHIP,
    "Tăng cường trách nhiệm của cán bộ quản lý, đặc biệt là người đứng đầu trong công tác vì sự "
    "tiến bộ phụ nữ và bình đẳng giới.": (
        "Strengthen the responsibility of managers, above all of the head of the school, for the "
        "advancement of women and gender equality."
    ),
    "Kiện toàn, củng cố, nâng cao chất lượng hoạt động của Ban Vì sự tiến bộ phụ nữ của nhà "
    "trường.": (
        "Strengthen and consolidate the school's Committee for the Advancement of Women and "
        "improve the quality of its work."
    ),
    "Chỉ đạo thực hiện công tác tuyên truyền các nội dung liên quan đến bình đẳng giới, vì sự "
    "tiến bộ của phụ nữ; thực hiện công tác quy hoạch, bổ nhiệm, đào tạo, bồi dưỡng đảm bảo cơ "
    "cấu, tỷ lệ nữ theo quy định.": (
        "Direct communication on gender equality and the advancement of women; carry out "
        "succession planning, appointments, training and professional development so that women "
        "make up the share of staff the regulations require."
    ),
    "Phát động thực hiện phong trào thi đua “Đổi mới, sáng tạo trong quản lý, giảng dạy và học "
    "tập”; phong trào thi đua “Giỏi việc trường - Đảm việc nhà” gắn với phong trào “Phụ nữ tích "
    "cực học tập, lao động sáng tạo, xây dựng gia đình no ấm, bình đẳng, tiến bộ, hạnh phúc”.": (
        f"Launch {_EMULATION}."
    ),
    "Ban Vì sự tiến bộ của Trường THPT Sóc Trăng": (
        "Committee for the Advancement of Women of Soc Trang High School"
    ),
    "Xây dựng và tổ chức triển khai thực hiện kế hoạch theo mục tiêu, yêu cầu, nhiệm vụ đề ra; "
    "tham mưu công tác kiểm tra, giám sát việc triển khai thực hiện công tác bình đẳng giới và vì "
    "sự tiến bộ của phụ nữ trong nhà trường; định kỳ tổng hợp, tham mưu với nhà trường báo cáo "
    "tình hình triển khai thực hiện công tác bình đẳng giới và hoạt động vì sự tiến bộ của phụ nữ "
    "của trường.": (
        "Draw up the plan and organise its implementation according to the goals, requirements "
        "and tasks set; advise on inspecting and monitoring the school's work for gender equality "
        "and the advancement of women; at regular intervals, compile and advise the school on its "
        "reports on how its work for gender equality and its activities for the advancement of "
        "women are progressing."
    ),
    "BCH Đoàn trường": YOUTH_UNION,
    "Tổ chức các hoạt động tuyên truyền, phổ biến, nâng cao nhận thức về bình đẳng giới, vì sự "
    "tiến bộ của phụ nữ cho cán bộ, giáo viên, nhân viên và học sinh trường, chú trọng tổ chức "
    "các hoạt động kỉ niệm Ngày Phụ nữ Việt Nam 20/10, Ngày Quốc tế phụ nữ (8/3), Ngày Quốc tế "
    "hạnh phúc (20/3), ngày Gia đình Việt Nam (28/6), Tháng hành động vì bình đẳng giới và phòng "
    "chống bạo lực trên cơ sở giới” (từ ngày 15/11 đến ngày 15/12).": (
        "Organise activities that communicate, disseminate and raise awareness of gender equality "
        "and the advancement of women among the school's administrators, teachers, staff and "
        "students, with particular attention to the activities marking Vietnamese Women's Day "
        "(20/10), International Women's Day (8/3), the International Day of Happiness (20/3), "
        "Vietnamese Family Day (28/6) and the Action Month for Gender Equality and the Prevention "
        "of Gender-Based Violence (from 15/11 to 15/12)."
    ),
    "Giáo viên, nhân viên": "Teachers and staff",
    "Giáo viên bộ môn lồng ghép giảng dạy nội dung về giới, bình đẳng giới cho học sinh vào "
    "chương trình giáo dục phù hợp.": (
        "Subject teachers integrate teaching on gender and gender equality into the students' "
        "curriculum where appropriate."
    ),
    "Giáo viên, nhân viên trường chủ động nghiên cứu Luật Bình đẳng giới, các văn bản hướng dẫn "
    "thực hiện Luật, chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước về công "
    "tác phụ nữ, công tác cán bộ nữ; thực hiện Chiến lược quốc gia về bình đẳng giới; tích cực "
    "tham gia phong trào thi đua “Đổi mới, sáng tạo trong quản lý, giảng dạy và học tập”, phong "
    "trào thi đua “Giỏi việc trường - Đảm việc nhà” gắn với phong trào “Phụ nữ tích cực học tập, "
    "lao động sáng tạo, xây dựng gia đình no ấm, bình đẳng, tiến bộ, hạnh phúc”.": (
        "The school's teachers and staff take the initiative in studying the Law on Gender "
        "Equality, the documents guiding its implementation, and the Party's guidelines and the "
        "State's policies and laws on work with women and on women staff; carry out the National "
        f"Strategy on Gender Equality; and take an active part in the emulation movement "
        f"{_INNOVATION} and the emulation movement {_SCHOOL_AND_HOME} together with the movement "
        f"{_WOMEN}."
    ),
    # Closing, recipients and signature
    "Trên đây là Kế hoạch thực hiện công tác vì sự tiến bộ phụ nữ và bình đẳng giới năm 2026 của "
    "Trường THPT Sóc Trăng./.": (
        "The above is the Plan of Soc Trang High School for the advancement of women and gender "
        "equality in 2026./."
    ),
    "Viên chức và người lao động": "Public employees and workers",
    "Website trường": "School website",
    "Lưu: VT": "Archived: Records Office",
    "KT. HIỆU TRƯỞNG": "FOR THE PRINCIPAL",
    "PHÓ HIỆU TRƯỞNG": "VICE PRINCIPAL",
    # Campaigns: shared places and audiences ---------------------------------------------------
    "Sân trường": "School yard",
    "Toàn trường": "Whole school",
    "Hội trường": "Assembly hall",
    # International Women's Day, 8 March 2026 -------------------------------------------------
    "Kỷ niệm Ngày Quốc tế Phụ nữ 8/3/2026": "Celebrating International Women's Day, 8 March 2026",
    "ngay-quoc-te-phu-nu-8-3-2026": "international-womens-day-2026",
    "Tuần lễ tôn vinh cô giáo, nữ nhân viên và nữ sinh của trường nhân Ngày Quốc tế Phụ nữ, với "
    "buổi sinh hoạt dưới cờ và góc thư cảm ơn.": (
        "A week honouring the school's women teachers, women staff and girl students for "
        "International Women's Day, with a flag-salute assembly and a thank-you letter corner."
    ),
    "Sinh hoạt dưới cờ: lịch sử Ngày Quốc tế Phụ nữ": (
        "Flag-salute assembly: the history of International Women's Day"
    ),
    "Góc thư cảm ơn gửi cô giáo và nữ nhân viên": (
        "Thank-you letter corner for women teachers and staff"
    ),
    "Thư viện": "Library",
    "Học sinh các lớp": "Students of every class",
    "Nhân kỷ niệm 116 năm Ngày Quốc tế Phụ nữ, BCH Đoàn trường tổ chức chuỗi hoạt động tôn vinh "
    "những đóng góp của cô giáo, nữ nhân viên và nữ sinh trong dạy và học.": (
        "For the 116th anniversary of International Women's Day, the School Youth Union Executive "
        "Committee holds a series of activities honouring what women teachers, women staff and "
        "girl students bring to teaching and learning."
    ),
    # Vietnamese Women's Day, 20 October 2026 -------------------------------------------------
    "Kỷ niệm 96 năm Ngày Phụ nữ Việt Nam 20/10/2026": (
        "96th anniversary of Vietnamese Women's Day, 20 October 2026"
    ),
    "ngay-phu-nu-viet-nam-20-10-2026": "vietnamese-womens-day-2026",
    "Hội thi vẽ tranh “Bình đẳng giới trong mắt em” và buổi gặp mặt cô giáo, nữ nhân viên nhân kỷ "
    "niệm Ngày thành lập Hội Liên hiệp Phụ nữ Việt Nam.": (
        "The drawing contest “Gender equality through my eyes” and a gathering of women teachers "
        "and staff to mark the founding of the Vietnam Women's Union."
    ),
    "Phát động hội thi vẽ tranh “Bình đẳng giới trong mắt em”": (
        "Launch of the drawing contest “Gender equality through my eyes”"
    ),
    "Học sinh khối 10, 11": "Grade 10 and 11 students",
    "Triển lãm và trao giải hội thi vẽ tranh": "Exhibition and prize-giving of the drawing contest",
    "Gặp mặt cô giáo và nữ nhân viên": "Gathering of women teachers and staff",
    "Phòng hội đồng": "Staff room",
    "Cán bộ, giáo viên, nhân viên": "Administrators, teachers and staff",
    "Hội thi giúp học sinh thể hiện suy nghĩ của mình về bình đẳng giới qua màu sắc và hình ảnh; "
    "các tác phẩm đoạt giải được trưng bày tại hội trường.": (
        "The contest lets students express what they think about gender equality through colour "
        "and pictures; the winning works are on show in the assembly hall."
    ),
    # News ------------------------------------------------------------------------------------
    "Học sinh gửi hơn 300 lá thư cảm ơn cô giáo nhân Ngày 8/3": (
        "Students send more than 300 thank-you letters to their teachers for 8 March"
    ),
    "tuan-le-ton-vinh-phu-nu-8-3": "thank-you-letters-8-march",
    "Góc thư cảm ơn tại thư viện đã nhận hơn 300 lá thư học sinh viết tặng cô giáo.": (
        "The thank-you corner in the library received more than 300 letters students wrote to "
        "their teachers."
    ),
    "Trong tuần lễ kỷ niệm Ngày Quốc tế Phụ nữ, học sinh các lớp đã viết hơn 300 lá thư cảm ơn "
    "gửi cô giáo và nữ nhân viên của trường.": (
        "During the week marking International Women's Day, students from every class wrote more "
        "than 300 thank-you letters to the school's women teachers and staff."
    ),
    "Trao giải hội thi vẽ tranh “Bình đẳng giới trong mắt em”": (
        "Prizes awarded in the drawing contest “Gender equality through my eyes”"
    ),
    "trao-giai-hoi-thi-ve-tranh-binh-dang-gioi": "drawing-contest-prizes",
    "42 tác phẩm của học sinh khối 10 và 11 được trưng bày; 6 tác phẩm đoạt giải.": (
        "42 works by grade 10 and 11 students are on show; 6 of them won prizes."
    ),
    "Sau một tuần phát động, hội thi nhận được 42 tác phẩm. Ban giám khảo đã chọn 6 tác phẩm "
    "đoạt giải, thể hiện sinh động thông điệp chia sẻ việc nhà và tôn trọng nhau.": (
        "A week after its launch, the contest had received 42 works. The jury chose 6 prize "
        "winners, which bring to life the message of sharing housework and respecting each other."
    ),
}


def translate(text, field_path):
    """The English of ``text`` found in the field (or block) at ``field_path`` of a demo page, or
    None when there is none."""
    if field_path in COPIED_FIELDS:
        return text
    return STRINGS.get(text)

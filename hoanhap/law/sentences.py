"""The sentence of the law each rule comes from, so that the rules page quotes the law (issue 23).

``SENTENCES`` maps (regime code, rule code) to the sentence, or the clause, of the article the rule's
citation names, copied from the text; grounds for compulsory rehab are keyed ``"ground:<code>"`` and
dossier checklists ``"checklist:<code>"``. Where a citation names both laws, the sentence is that of
the regime's own law. Elided words are marked "…". Nothing here is paraphrased: a rule whose text
could not be read has no entry, and the page says so instead of quoting anything.

Texts read (copies named in ../shared/research/legal.md):
- Luật 120/2025/QH15: OCR of the official PDF. Obvious OCR letter errors are fixed and nothing else:
  "Trường Công an" → "Trưởng Công an", "đáng kể" → "đăng ký", "đưa di" / "đưa ra" / "đối với" (before
  "cai nghiện bắt buộc") → "đưa đi", "tự nhân" → "tư nhân", "trưởng giáo dưỡng" → "trường giáo dưỡng",
  "b) xử lý" → "bị xử lý", "đang ký" → "đăng ký", "Nhưng người này" → "Những người này",
  "triệt tập" → "triệu tập", "để điều kiện" → "đủ điều kiện", "ma túy lập" / "cấp lập điều kiện" →
  "ma túy công lập" / "công lập đủ điều kiện" (the words of Điều 34.1 and 36.4). Where a word is lost
  in the OCR and cannot be restored with certainty, the quotation elides it.
- Luật 73/2021/QH14 and Nghị định 105/2021/NĐ-CP: Công báo text, copied as printed.
- Luật 91/2025/QH15 and Nghị định 356/2025/NĐ-CP: official Gazette text, copied as printed.

Not read, so no sentence: Nghị định 116/2021/NĐ-CP, Thông tư 18/2021/TT-BYT, Pháp lệnh
01/2022/UBTVQH15, Quyết định 28/2025/QĐ-TTg, the procedure page TTHC 1.010941, and Luật Xử lý vi phạm
hành chính 2012 Điều 95 before its amendment.
"""

# Luật 120/2025/QH15
_L120_23_2 = (
    "Trường hợp có kết quả xét nghiệm dương tính với chất ma túy thì gửi ngay kết quả đến Trưởng Công an "
    "cấp xã nơi người có kết quả xét nghiệm dương tính với chất ma túy cư trú, trừ trường hợp người đó "
    "đang cai nghiện ma túy trong cơ sở cai nghiện ma túy công lập, trường giáo dưỡng."
)
_L120_24_2 = (
    "Thời hạn quản lý người sử dụng trái phép chất ma túy là 01 năm kể từ ngày ra quyết định quản lý."
)
_L120_24_4_A = (
    "Trưởng Công an cấp xã có trách nhiệm trực tiếp giúp Ủy ban nhân dân cấp xã thực hiện quản lý người "
    "sử dụng trái phép chất ma túy và các nhiệm vụ, quyền hạn sau đây: a) Ra quyết định và tổ chức quản lý "
    "người sử dụng trái phép chất ma túy trong thời hạn 24 giờ kể từ khi nhận được kết quả xét nghiệm dương "
    "tính với chất ma túy của người cư trú tại địa phương;"
)
# The OCR lost the verb of 24.5 ("ra quyết định đình chỉ lý"): elided rather than guessed.
_L120_24_5_A = (
    "Trong thời hạn quản lý, Trưởng Công an cấp xã ra quyết định … người sử dụng trái phép chất ma túy "
    "trong các trường hợp sau đây: a) Người sử dụng trái phép chất ma túy được xác định là người nghiện "
    "ma túy;"
)
_L120_24_7 = (
    "Đối với người sử dụng trái phép chất ma túy bị tạm giữ, tạm giam theo quy định của Bộ luật Tố tụng "
    "hình sự thì Trưởng Công an cấp xã ra quyết định tạm đình chỉ quản lý. Trường hợp thời hạn tạm giữ, "
    "tạm giam đã hơn thời hạn quản lý người sử dụng trái phép chất ma túy còn lại thì Trưởng Công an cấp "
    "xã quyết định dừng việc quản lý."
)
_L120_27_2 = (
    "Khi người sử dụng trái phép chất ma túy thay đổi nơi cư trú thì Công an cấp xã nơi chuyển đi có trách "
    "nhiệm thông báo cho Công an cấp xã nơi chuyển đến trong thời hạn 24 giờ kể từ khi người đó chuyển "
    "khỏi địa phương để đưa vào danh sách và tiếp tục quản lý."
)
_L120_28_1 = (
    "b) Trường giáo dưỡng, cơ sở cai nghiện ma túy công lập đủ điều kiện thực hiện cai nghiện ma túy cho "
    "người từ đủ 12 tuổi đến dưới 18 tuổi; c) Cơ sở cai nghiện ma túy tư nhân thực hiện cai nghiện ma túy "
    "cho người từ đủ 12 tuổi trở lên."
)
_L120_29_1 = (
    "Thời hạn cai nghiện ma túy đối với người cai nghiện ma túy lần đầu là 24 tháng, đối với người cai "
    "nghiện ma túy từ lần thứ hai trở lên là 36 tháng."
)
_L120_29_3 = (
    "Người cai nghiện ma túy phải thực hiện đầy đủ thời hạn, quy trình cai nghiện ma túy quy định tại "
    "khoản 1 và khoản 2 Điều này."
)
_L120_31_1 = "Xác định tình trạng nghiện ma túy được thực hiện đối với người thuộc trường hợp sau đây: … "
_L120_31_1_B = _L120_31_1 + (
    "b) Người đăng ký cai nghiện ma túy tự nguyện đối với trường hợp chưa có giấy xác định tình trạng "
    "nghiện hoặc có giấy xác định tình trạng nghiện nhưng đã quá 06 tháng;"
)
_L120_31_1_C = _L120_31_1 + (
    "c) Đang trong thời hạn quản lý người sử dụng trái phép chất ma túy quy định tại khoản 2 Điều 24 của "
    "Luật này mà bị phát hiện sử dụng trái phép chất ma túy, nếu không thuộc trường hợp bị xử lý theo quy "
    "định của pháp luật về hình sự;"
)
_L120_31_1_D = _L120_31_1 + (
    "d) Người đang trong thời hạn quản lý sau cai nghiện ma túy bị phát hiện sử dụng trái phép chất ma "
    "túy, nếu không thuộc trường hợp bị xử lý theo quy định của pháp luật về hình sự;"
)
# The OCR prints the point as "e)" after "d)"; it is point đ. Its exception is garbled and elided.
_L120_31_1_DD = _L120_31_1 + "đ) Người sử dụng trái phép chất ma túy không có nơi cư trú ổn định, …"
_L120_31_2 = (
    "Công an cấp xã nơi phát hiện người thuộc trường hợp quy định tại khoản 1 Điều này lập hồ sơ đề nghị "
    "cơ sở y tế có thẩm quyền xác định tình trạng nghiện ma túy."
)
_L120_31_6 = (
    "Người từ đủ 18 tuổi trở lên hoặc cha, mẹ, người giám hộ hoặc người đại diện hợp pháp của người từ đủ "
    "12 tuổi đến dưới 18 tuổi quy định tại điểm d khoản 1 Điều này khi nhận được kết quả xác định là "
    "nghiện ma túy có trách nhiệm đăng ký cai nghiện ma túy tự nguyện tại cơ sở cai nghiện ma túy công "
    "lập, trường giáo dưỡng hoặc cơ sở cai nghiện ma túy công lập đủ điều kiện thực hiện cai nghiện ma túy "
    "cho người từ đủ 12 tuổi đến dưới 18 tuổi với Công an cấp xã nơi phát hiện hành vi sử dụng trái phép "
    "chất ma túy."
)
_L120_32_5 = (
    "Trưởng Công an cấp xã có nhiệm vụ, quyền hạn sau đây: a) Lập biên bản tiếp nhận đăng ký cai nghiện "
    "ma túy tự nguyện tại gia đình, cộng đồng; … c) Cấp giấy xác nhận hoàn thành cai nghiện ma túy tự "
    "nguyện tại gia đình, cộng đồng;"
)
_L120_32_8_C = (
    "Trong thời hạn 24 giờ kể từ khi người cai nghiện ma túy sử dụng dịch vụ, tự ý chấm dứt việc sử dụng "
    "dịch vụ hoặc hoàn thành dịch vụ phải thông báo cho Công an cấp xã nơi người đó cư trú."
)
_L120_33_3_B = (
    "Người đã hoàn thành cai nghiện ma túy phải đến trình diện, nộp giấy xác nhận theo quy định tại điểm a "
    "khoản này cho Công an cấp xã nơi cư trú trong thời hạn 02 ngày kể từ ngày nhận được giấy xác nhận quy "
    "định tại điểm a khoản này."
)
_L120_33_4 = (
    "Người cai nghiện ma túy không thực hiện đầy đủ các giai đoạn tại cơ sở cai nghiện ma túy tư nhân thì "
    "phải hoàn thành ít nhất 03 giai đoạn quy định tại các điểm a, b và c khoản 2 Điều 29 của Luật này, "
    "thời gian, quy trình còn lại quy định tại khoản 1 và khoản 2 Điều 29 của Luật này được tiếp tục thực "
    "hiện tại gia đình, cộng đồng."
)
_L120_34_1 = (
    "Trường hợp người nghiện ma túy không có nơi cư trú ổn định phải thực hiện đăng ký cai nghiện tự "
    "nguyện tại cơ sở cai nghiện ma túy công lập, trường giáo dưỡng."
)
_L120_34_4 = (
    "Cơ sở cai nghiện ma túy công lập, trường giáo dưỡng có trách nhiệm cấp giấy xác nhận hoàn thành cai "
    "nghiện ma túy cho người cai nghiện ma túy."
)
_L120_35_1 = (
    "Người nghiện ma túy từ đủ 18 tuổi trở lên bị áp dụng biện pháp xử lý hành chính đưa đi cai nghiện "
    "bắt buộc theo quy định của Luật Xử lý vi phạm hành chính nếu không thuộc trường hợp bị xử lý theo quy "
    "định của pháp luật về hình sự, thuộc một trong các trường hợp sau đây:"
)
_L120_35_1_A = (
    "a) Không đăng ký, không thực hiện hoặc tự ý chấm dứt cai nghiện ma túy tự nguyện, trừ trường hợp quy "
    "định tại khoản 4 Điều 33 của Luật này;"
)
_L120_35_1_B = "b) Trong thời gian cai nghiện ma túy tự nguyện bị phát hiện sử dụng trái phép chất ma túy;"
_L120_35_1_C = (
    "c) Người nghiện ma túy không đăng ký, không thực hiện hoặc tự ý chấm dứt điều trị nghiện bằng thuốc "
    "thay thế hoặc bị chấm dứt điều trị nghiện bằng thuốc thay thế do vi phạm quy định về điều trị nghiện;"
)
_L120_35_1_D = "d) Trong thời gian quản lý sau cai nghiện ma túy mà xác định nghiện ma túy;"
_L120_35_1_DD = "đ) Trường hợp quy định tại khoản 3 Điều 36 và các khoản 2, 3 và 4 Điều 47 của Luật này."
_L120_35_2_C = (
    "Không áp dụng biện pháp đưa đi cai nghiện bắt buộc đối với các trường hợp sau đây: … c) Phụ nữ hoặc "
    "người duy nhất đang nuôi con nhỏ dưới 36 tháng tuổi được Ủy ban nhân dân cấp xã nơi người đó cư trú "
    "xác nhận."
)
_L120_35_3_A = (
    "Đối với người nghiện ma túy có nơi cư trú ổn định thì Trưởng Công an cấp xã nơi người đó cư trú lập "
    "hồ sơ đề nghị áp dụng biện pháp đưa đi cai nghiện bắt buộc."
)
_L120_35_3_B = (
    "Hồ sơ đề nghị gồm có: bản tóm tắt lý lịch, biên bản vi phạm, xác nhận tình trạng nghiện ma túy của "
    "cơ sở y tế có thẩm quyền hoặc xác nhận của cơ sở đang điều trị nghiện bằng thuốc thay thế, văn bản "
    "của Trưởng Công an cấp xã đề nghị xem xét áp dụng biện pháp đưa đi cai nghiện bắt buộc và các tài "
    "liệu khác có liên quan (nếu có)."
)
_L120_35_3_C = (
    "Những người này có quyền đọc hồ sơ và ghi chép các nội dung cần thiết trong thời hạn 03 ngày làm "
    "việc kể từ ngày nhận được thông báo;"
)
_L120_35_4 = (
    "Thời hiệu áp dụng biện pháp xử lý hành chính đưa đi cai nghiện bắt buộc là 03 tháng kể từ ngày người "
    "nghiện ma túy thực hiện lần cuối hành vi vi phạm quy định tại khoản 1 Điều này; …"
)
_L120_36_2_B = (
    "Hồ sơ đề nghị gồm có: bản tóm tắt lý lịch; biên bản vi phạm; xác nhận tình trạng nghiện ma túy của "
    "cơ sở y tế có thẩm quyền hoặc xác nhận của cơ sở điều trị nghiện bằng thuốc thay thế; bản tường trình "
    "của người nghiện ma túy hoặc của người đại diện hợp pháp của họ; ý kiến của cha, mẹ, người giám hộ "
    "hoặc người đại diện hợp pháp của họ; văn bản của Trưởng Công an cấp xã đề nghị xem xét áp dụng biện "
    "pháp đưa đi cai nghiện bắt buộc và các tài liệu khác có liên quan (nếu có)."
)
_L120_36_2_D = (
    "Trong thời hạn 01 ngày làm việc, kể từ ngày hết thời hạn đọc hồ sơ quy định tại điểm c khoản này, "
    "Trưởng Công an cấp xã quyết định việc chuyển hồ sơ đề nghị Tòa án nhân dân khu vực áp dụng biện pháp "
    "đưa đi cai nghiện bắt buộc."
)
_L120_36_4 = (
    "Khi người nghiện ma túy đủ 18 tuổi, nếu thời gian cai nghiện còn lại từ 03 tháng trở lên thì chuyển "
    "sang thực hiện việc cai nghiện tại cơ sở cai nghiện ma túy công lập."
)
_L120_38_2_D = (
    "Giám đốc Công an cấp tỉnh có nhiệm vụ, quyền hạn sau đây: … d) Quyết định truy tìm đối với người "
    "phải chấp hành quyết định nhưng chưa đưa đến cơ sở cai nghiện ma túy công lập, trường giáo dưỡng bỏ "
    "trốn."
)
_L120_42_1 = (
    "Người đã hoàn thành cai nghiện ma túy tự nguyện, người đã hoàn thành điều trị nghiện bằng thuốc thay "
    "thế, người từ đủ 12 tuổi đến dưới 18 tuổi đã chấp hành xong quyết định đưa đi cai nghiện bắt buộc "
    "phải được quản lý sau cai nghiện ma túy trong thời hạn 01 năm kể từ ngày hoàn thành việc cai nghiện "
    "hoặc chấp hành quyết định."
)
_L120_42_2 = (
    "Người đã chấp hành xong quyết định áp dụng biện pháp xử lý hành chính đưa đi cai nghiện bắt buộc "
    "phải được quản lý sau cai nghiện ma túy trong thời hạn 02 năm kể từ ngày chấp hành xong quyết định."
)
_L120_42_6 = (
    "Chủ tịch Ủy ban nhân dân cấp xã ra quyết định và thực hiện quản lý, hỗ trợ xã hội sau cai nghiện ma túy."
)
_L120_46_2_DD = (
    "Người đứng đầu cơ sở cai nghiện ma túy quyết định truy tìm đối với người đang cai nghiện ma túy bỏ "
    "trốn khỏi cơ sở cai nghiện;"
)
_L120_47_4_C = (
    "Trong thời gian người nghiện ma túy cai nghiện ma túy tự nguyện tại gia đình, cộng đồng hoặc điều "
    "trị nghiện bằng thuốc thay thế mà vi phạm pháp luật không thuộc trường hợp bị xử lý theo quy định "
    "tại các khoản 1, 2 và 3 Điều này, … thì thực hiện như sau: … c) Vi phạm lần thứ ba thì bị áp dụng "
    "biện pháp đưa đi cai nghiện bắt buộc."
)
_L120_48_4 = (
    "Công an cấp xã đưa người bị quản lý sau cai nghiện ma túy ra khỏi danh sách người bị quản lý sau cai "
    "nghiện ma túy tại địa phương đối với các trường hợp sau đây:"
)

# Luật 73/2021/QH14
_L73_22_2 = (
    "Trường hợp có kết quả xét nghiệm dương tính thì gửi ngay kết quả đến Chủ tịch Ủy ban nhân dân cấp xã "
    "nơi người có kết quả xét nghiệm dương tính cư trú, trừ trường hợp người đó đang cai nghiện ma túy "
    "bắt buộc."
)
_L73_23_2 = (
    "Thời hạn quản lý người sử dụng trái phép chất ma túy là 01 năm kể từ ngày Chủ tịch Ủy ban nhân dân "
    "cấp xã ra quyết định quản lý."
)
_L73_23_4 = (
    "Trong thời hạn 03 ngày làm việc kể từ ngày nhận được kết quả xét nghiệm dương tính của người cư trú "
    "tại địa phương, Chủ tịch Ủy ban nhân dân cấp xã có trách nhiệm ra quyết định và tổ chức quản lý "
    "người sử dụng trái phép chất ma túy cư trú tại địa phương."
)
_L73_23_5 = (
    "Trong thời hạn quản lý, Chủ tịch Ủy ban nhân dân cấp xã ra quyết định dừng quản lý người sử dụng "
    "trái phép chất ma túy trong các trường hợp sau đây:"
)
_L73_26_2 = (
    "Khi người sử dụng trái phép chất ma túy thay đổi nơi cư trú thì công an cấp xã nơi chuyển đi có "
    "trách nhiệm thông báo cho công an cấp xã nơi chuyển đến trong thời hạn 05 ngày làm việc kể từ ngày "
    "người đó chuyển khỏi địa phương để đưa vào danh sách và tiếp tục quản lý."
)
_L73_27_1 = "Xác định tình trạng nghiện ma túy được thực hiện đối với người thuộc trường hợp sau đây: "
_L73_27_2 = (
    "Công an cấp xã nơi phát hiện người thuộc trường hợp quy định tại các điểm a, b, c và d khoản 1 Điều "
    "này lập hồ sơ đề nghị cơ sở y tế có thẩm quyền xác định tình trạng nghiện ma túy."
)
_L73_27_5_C = (
    "Người từ đủ 18 tuổi trở lên hoặc cha, mẹ, người giám hộ hoặc người đại diện hợp pháp của người từ đủ "
    "12 tuổi đến dưới 18 tuổi quy định tại các điểm a, b, c và đ khoản 1 Điều này khi nhận được kết quả "
    "xác định là nghiện ma túy có trách nhiệm đăng ký cai nghiện ma túy tự nguyện theo quy định tại Điều "
    "28 của Luật này hoặc đăng ký điều trị nghiện các chất dạng thuốc phiện bằng thuốc thay thế trong "
    "trường hợp nghiện các chất dạng thuốc phiện với Ủy ban nhân dân cấp xã nơi cư trú."
)
_L73_29 = (
    "Việc cai nghiện ma túy bắt buộc phải bảo đảm đầy đủ các giai đoạn quy định tại khoản 1 Điều này; việc "
    "cai nghiện ma túy tự nguyện phải bảo đảm hoàn thành đủ 03 giai đoạn quy định tại các điểm a, b và c "
    "khoản 1 Điều này."
)
_L73_30_2 = "Thời hạn cai nghiện ma túy tự nguyện tại gia đình, cộng đồng là từ đủ 06 tháng đến 12 tháng."
_L73_30_5 = (
    "Chủ tịch Ủy ban nhân dân cấp xã có trách nhiệm sau đây: a) Tiếp nhận đăng ký cai nghiện ma túy tự "
    "nguyện tại gia đình, cộng đồng; … c) Cấp giấy xác nhận hoàn thành cai nghiện ma túy tự nguyện tại gia "
    "đình, cộng đồng."
)
_L73_30_7_C = (
    "Trong thời hạn 05 ngày làm việc kể từ ngày người cai nghiện ma túy sử dụng dịch vụ hoặc tự ý chấm "
    "dứt việc sử dụng dịch vụ hoặc hoàn thành dịch vụ phải thông báo cho Ủy ban nhân dân cấp xã nơi người "
    "đó đăng ký cai nghiện ma túy tự nguyện tại gia đình, cộng đồng."
)
_L73_32 = (
    "Người nghiện ma túy từ đủ 18 tuổi trở lên bị áp dụng biện pháp xử lý hành chính đưa vào cơ sở cai "
    "nghiện bắt buộc theo quy định của Luật Xử lý vi phạm hành chính khi thuộc một trong các trường hợp "
    "sau đây: … "
)
_L73_32_1 = "1. Không đăng ký, không thực hiện hoặc tự ý chấm dứt cai nghiện ma túy tự nguyện;"
_L73_32_2 = "2. Trong thời gian cai nghiện ma túy tự nguyện bị phát hiện sử dụng trái phép chất ma túy;"
_L73_32_3 = (
    "3. Người nghiện ma túy các chất dạng thuốc phiện không đăng ký, không thực hiện hoặc tự ý chấm dứt "
    "điều trị nghiện các chất dạng thuốc phiện bằng thuốc thay thế hoặc bị chấm dứt điều trị nghiện các "
    "chất dạng thuốc phiện bằng thuốc thay thế do vi phạm quy định về điều trị nghiện;"
)
_L73_32_4 = "4. Trong thời gian quản lý sau cai nghiện ma túy mà tái nghiện."
_L73_33_3 = (
    "Thời hạn cai nghiện ma túy bắt buộc đối với người nghiện ma túy từ đủ 12 tuổi đến dưới 18 tuổi là từ "
    "đủ 06 tháng đến 12 tháng."
)
_L73_34_1_A = (
    "Chủ tịch Ủy ban nhân dân cấp xã nơi người đó cư trú hoặc có hành vi vi phạm trong trường hợp không "
    "xác định được nơi cư trú lập hồ sơ đề nghị đưa vào cơ sở cai nghiện bắt buộc;"
)
_L73_34_3 = (
    "Trong thời hạn 01 ngày làm việc kể từ ngày hết thời hạn đọc hồ sơ, cơ quan, người đã lập hồ sơ gửi "
    "hồ sơ cho Trưởng phòng Phòng Lao động - Thương binh và Xã hội cấp huyện nơi người bị đề nghị cư trú "
    "hoặc có hành vi vi phạm trong trường hợp không xác định được nơi cư trú."
)
_L73_43_3 = (
    "Công an cấp xã giúp Ủy ban nhân dân cùng cấp đưa ra khỏi danh sách người nghiện ma túy, người bị quản "
    "lý sau cai nghiện ma túy đối với các trường hợp sau đây: …"
)
_L73_40_1 = (
    "Người đã hoàn thành cai nghiện ma túy tự nguyện, người đã hoàn thành điều trị nghiện các chất dạng "
    "thuốc phiện bằng thuốc thay thế, người từ đủ 12 tuổi đến dưới 18 tuổi đã chấp hành xong quyết định "
    "đưa vào cơ sở cai nghiện bắt buộc chịu sự quản lý sau cai nghiện ma túy trong thời hạn 01 năm kể từ "
    "ngày hoàn thành việc cai nghiện hoặc chấp hành xong quyết định."
)
_L73_40_2 = (
    "Người đã chấp hành xong quyết định áp dụng biện pháp xử lý hành chính đưa vào cơ sở cai nghiện bắt "
    "buộc chịu sự quản lý sau cai nghiện ma túy trong thời hạn 02 năm kể từ ngày chấp hành xong quyết định."
)

# Nghị định 105/2021/NĐ-CP
_D105_41_1 = (
    "Trong thời hạn tối đa không quá 03 ngày làm việc, kể từ ngày phát hiện người có hành vi sử dụng trái "
    "phép chất ma túy, cơ quan Công an nơi phát hiện hành vi sử dụng trái phép chất ma túy có trách nhiệm "
    "xác minh nơi cư trú của người sử dụng trái phép chất ma túy."
)
_D105_41_1_REMOTE = (
    "Đối với các địa bàn là vùng miền núi, hải đảo, vùng xa xôi, hẻo lánh mà việc đi lại gặp khó khăn thì "
    "thời hạn xác minh nơi cư trú có thể kéo dài hơn nhưng không được quá 10 ngày làm việc, kể từ ngày "
    "phát hiện người có hành vi sử dụng trái phép chất ma túy."
)
_D105_43_2 = (
    "Trong thời hạn quản lý, nếu người đang có quyết định quản lý bị phát hiện tiếp tục sử dụng trái phép "
    "chất ma túy mà không thuộc các trường hợp quy định tại khoản 5 Điều 23 của Luật Phòng, chống ma túy "
    "thì Chủ tịch Ủy ban nhân dân cấp xã có thẩm quyền ra Quyết định quản lý mới, trong đó xác định lại "
    "thời hạn quản lý là 01 năm, kể từ ngày ra Quyết định quản lý mới."
)
_D105_46_4 = (
    "Trường hợp lấy mẫu xét nghiệm người dưới 18 tuổi phải có sự đồng ý của cha, mẹ hoặc người giám hộ "
    "hoặc người đại diện theo pháp luật, trừ trường hợp lấy mẫu nước tiểu."
)
_D105_47_1 = (
    "Ít nhất 01 lần trong tháng, Công an cấp xã nơi quản lý người sử dụng trái phép chất ma túy phải kiểm "
    "tra, cập nhật nơi cư trú của người đang trong thời hạn quản lý."
)
_D105_47_2 = (
    "Trong thời hạn 05 ngày làm việc, kể từ ngày người đó chuyển đến nơi cư trú mới, Chủ tịch Ủy ban nhân "
    "dân cấp xã nơi chuyển đi thông báo và chuyển hồ sơ quản lý người sử dụng trái phép chất ma túy theo "
    "Mẫu số 08 tại Phụ lục ban hành kèm theo Nghị định này cho Chủ tịch Ủy ban nhân dân cấp xã nơi chuyển "
    "đến tiếp tục quản lý."
)
_D105_48_3 = (
    "Trong thời hạn 03 ngày làm việc, kể từ ngày ra Quyết định theo quy định tại khoản 1, khoản 2 Điều "
    "này, Chủ tịch Ủy ban nhân dân cấp xã gửi Quyết định cho cơ quan, tổ chức, cá nhân quy định tại điểm c "
    "khoản 2, khoản 4 Điều 42 Nghị định này."
)

# Luật 91/2025/QH15 and Nghị định 356/2025/NĐ-CP
_L91_23_1 = (
    "Bên kiểm soát dữ liệu cá nhân, bên kiểm soát và xử lý dữ liệu cá nhân, bên thứ ba phát hiện vi phạm "
    "quy định về bảo vệ dữ liệu cá nhân có thể gây tổn hại đến quốc phòng, an ninh quốc gia, trật tự, an "
    "toàn xã hội hoặc xâm phạm đến tính mạng, sức khỏe, danh dự, nhân phẩm, tài sản của chủ thể dữ liệu "
    "cá nhân thì phải thông báo cho cơ quan chuyên trách bảo vệ dữ liệu cá nhân chậm nhất là 72 giờ kể từ "
    "khi phát hiện hành vi vi phạm."
)
_D356_5_2 = (
    "Khi nhận được yêu cầu rút lại sự đồng ý cho phép xử lý dữ liệu cá nhân, hạn chế xử lý dữ liệu cá "
    "nhân, phản đối xử lý dữ liệu cá nhân theo đúng thủ tục của chủ thể dữ liệu cá nhân, bên kiểm soát dữ "
    "liệu cá nhân, bên kiểm soát và xử lý dữ liệu cá nhân phải phản hồi trong thời hạn 02 ngày làm việc, "
    "cung cấp đầy đủ thông tin cho chủ thể dữ liệu cá nhân về thủ tục ngừng xử lý dữ liệu cá nhân và thực "
    "hiện trong thời hạn 15 ngày, …"
)

# Each period of Nghị định 356/2025 Điều 5.2–5.5, with its one extension ("… kéo dài thêm tối đa 01 lần
# gia hạn trong thời hạn không quá … ngày …, thông báo cho chủ thể dữ liệu cá nhân lý do cần gia hạn").
_D356_5_3 = (
    "… yêu cầu xem, chỉnh sửa hoặc yêu cầu chỉnh sửa dữ liệu cá nhân, cung cấp dữ liệu cá nhân … thực hiện "
    "trong thời hạn 10 ngày …; … kéo dài thêm tối đa 01 lần gia hạn trong thời hạn không quá 10 ngày …"
)
_D356_5_2_EXTENSION = "… kéo dài thêm tối đa 01 lần gia hạn trong thời hạn không quá 15 ngày …"
_D356_5_4 = (
    "… yêu cầu xóa dữ liệu cá nhân … thực hiện trong thời hạn 20 ngày …; … kéo dài thêm tối đa 01 lần gia "
    "hạn trong thời hạn không quá 20 ngày …"
)
_D356_5_5 = (
    "… yêu cầu thực hiện các biện pháp, giải pháp bảo vệ dữ liệu cá nhân của mình … thực hiện trong thời "
    "hạn 15 ngày …; … kéo dài thêm tối đa 01 lần gia hạn trong thời hạn không quá 15 ngày …"
)
_PD_91 = {
    "data_request_response": _D356_5_2,
    "data_request_fulfil_withdrawal": _D356_5_2,
    "data_request_fulfil_restriction": _D356_5_2,
    "data_request_fulfil_objection": _D356_5_2,
    "data_request_extension_withdrawal": _D356_5_2 + " " + _D356_5_2_EXTENSION,
    "data_request_extension_restriction": _D356_5_2 + " " + _D356_5_2_EXTENSION,
    "data_request_extension_objection": _D356_5_2 + " " + _D356_5_2_EXTENSION,
    "data_request_fulfil_access": _D356_5_3,
    "data_request_fulfil_correction": _D356_5_3,
    "data_request_extension_access": _D356_5_3,
    "data_request_extension_correction": _D356_5_3,
    "data_request_fulfil_deletion": _D356_5_4,
    "data_request_extension_deletion": _D356_5_4,
    "data_request_fulfil_protection": _D356_5_5,
    "data_request_extension_protection": _D356_5_5,
    "breach_notification": _L91_23_1,
    "breach_notification_start": _L91_23_1,
    "breach_notification_scope": _L91_23_1,
    "breach_record": "… phải lập biên bản xác nhận về việc xảy ra hành vi vi phạm …",
}

# Luật 120/2025 Điều 12, electronic monitoring.
_L120_12_1 = (
    "Giám sát điện tử là biện pháp sử dụng thiết bị điện tử để quản lý, giám sát đối với: a) Người đang cai "
    "nghiện ma túy tự nguyện tại gia đình, cộng đồng; b) Người đang điều trị nghiện bằng thuốc thay thế; c) "
    "Người đang bị quản lý sau cai nghiện ma túy."
)
_L120_12_2 = "Trưởng Công an cấp xã có thẩm quyền áp dụng biện pháp giám sát điện tử."
_L120_12_3 = (
    "… b) Không tự ý tháo gỡ, phá hủy hoặc có tác động gây rối loạn hoạt động của thiết bị giám sát điện tử; "
    "c) Thông báo ngay cho Công an cấp xã khi phát hiện thiết bị giám sát điện tử bị hỏng."
)
_L120_12_4 = (
    "Chính phủ quy định chi tiết về thiết bị, đối tượng, quy định điều kiện, thời hạn, trình tự, thủ tục, xử "
    "lý vi phạm trong việc áp dụng biện pháp giám sát điện tử."
)
_MONITORING = {
    "monitoring_subjects": _L120_12_1,
    "monitoring_decider": _L120_12_2,
    "monitoring_fault_report": _L120_12_3,
    "monitoring_tampering": _L120_12_3 + " " + _L120_12_4,
}

# Nghị định 13/2023/NĐ-CP (01/07/2023–31/12/2025).
_D13_23_1 = (
    "… thông báo cho Bộ Công an (Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao) chậm nhất "
    "72 giờ sau khi xảy ra hành vi vi phạm theo Mẫu số 03 … Trường hợp thông báo sau 72 giờ thì phải kèm "
    "theo lý do thông báo chậm, muộn."
)
_PD_13 = {
    "data_request_fulfil_access": (
        "Việc cung cấp dữ liệu cá nhân … thực hiện trong 72 giờ sau khi có yêu cầu của chủ thể dữ liệu, trừ "
        "trường hợp luật có quy định khác."
    ),
    "data_request_fulfil_deletion": (
        "Việc xóa dữ liệu được thực hiện trong 72 giờ sau khi có yêu cầu của chủ thể dữ liệu …"
    ),
    "data_request_fulfil_restriction": (
        "Việc hạn chế xử lý dữ liệu được thực hiện trong 72 giờ sau khi có yêu cầu …"
    ),
    "data_request_fulfil_objection": (
        "… thực hiện yêu cầu của chủ thể dữ liệu trong 72 giờ sau khi nhận được yêu cầu …"
    ),
    "breach_notification": _D13_23_1,
    "breach_notification_start": _D13_23_1,
    "breach_notification_scope": _D13_23_1,
    "breach_late_notice": _D13_23_1,
}

# Rules whose citation is the same under both regimes (the rulebook's common rules and, under Luật
# 120, the carried-over rules of Nghị định 105).
_SHARED = {
    "rehab_min_age": _L120_28_1,
    "adult_age": _L120_35_1,
    "aftercare_decider": _L120_42_6,
    "compulsory_limitation": _L120_35_4,
    "compulsory_exclusion_child_months": _L120_35_2_C,
    "minor_transfer_remaining": _L120_36_4,
    "absconding_search_decider": _L120_38_2_D,
    "escape_search_decider": _L120_46_2_DD,
    "facility_certificate_signer": _L120_34_4,
    "sample_consent_age": _D105_46_4,
    "monthly_residence_check": _D105_47_1,
    "dossier_handover": _D105_47_2,
    "decision_distribution": _D105_48_3,
    "not_addicted_under_management": _D105_43_2,
}

_LAW_73 = {
    "user_management_term": _L73_23_2,
    "aftercare_term": _L73_40_1,
    "aftercare_term_adult_compulsory": _L73_40_2,
    "compulsory_required_stages": _L73_29,
    "residence_verification": _D105_41_1,
    "residence_verification_remote": _D105_41_1_REMOTE,
    "user_management_decision": _L73_23_4,
    "user_management_decider": _L73_23_4,
    "residence_move_notice": _L73_26_2,
    "provider_notice": _L73_30_7_C,
    "repeated_use_response": _L73_27_1
    + "a) Người sử dụng trái phép chất ma túy đang trong thời gian quản lý bị phát hiện sử dụng trái phép "
    "chất ma túy;",
    "positive_in_aftercare": _L73_27_1
    + "… d) Người đang trong thời gian quản lý sau cai nghiện ma túy bị phát hiện sử dụng trái phép chất "
    "ma túy;",
    "assessment_referrer": _L73_27_2,
    "positive_without_residence": _L73_27_1
    + "… b) Người sử dụng trái phép chất ma túy không có nơi cư trú ổn định;",
    "registration_after_aftercare_relapse": _L73_27_5_C,
    "positive_in_voluntary_rehab": _L73_32 + _L73_32_2,
    "positive_of_addicted": _L73_23_5
    + " a) Người sử dụng trái phép chất ma túy được xác định là người nghiện ma túy;",
    "positive_result_not_sent": _L73_22_2,
    "management_end_decider": _L73_23_5,
    "community_rehab_registrar": _L73_30_5,
    "rehab_term_voluntary": _L73_30_2,
    "voluntary_required_stages": _L73_29,
    "rehab_term_compulsory_minor": _L73_33_3,
    "dossier_forwarding": _L73_34_3,
    "compulsory_dossier_recipient": _L73_34_3,
    "compulsory_dossier_preparer": _L73_34_1_A,
    "aftercare_removal": _L73_43_3,
}

_LAW_120 = {
    "user_management_term": _L120_24_2,
    "aftercare_term": _L120_42_1,
    "aftercare_term_adult_compulsory": _L120_42_2,
    "compulsory_required_stages": _L120_29_3,
    "residence_verification": _L120_24_4_A,
    "residence_verification_remote": _L120_24_4_A,
    "assessment_validity": _L120_31_1_B,
    "violations_to_compulsory": _L120_47_4_C,
    "private_completion_report": _L120_33_3_B,
    "partial_private_min_stages": _L120_33_4,
    "user_management_decision": _L120_24_4_A,
    "user_management_decider": _L120_24_4_A,
    "residence_move_notice": _L120_27_2,
    "provider_notice": _L120_32_8_C,
    "repeated_use_response": _L120_31_1_C,
    "positive_in_aftercare": _L120_31_1_D,
    "positive_in_voluntary_rehab": _L120_35_1 + " … " + _L120_35_1_B,
    "positive_without_residence": _L120_31_1_DD,
    "aftercare_removal": _L120_48_4,
    "registration_after_aftercare_relapse": _L120_31_6,
    "positive_of_addicted": _L120_24_5_A,
    "positive_result_not_sent": _L120_23_2,
    "no_residence_rehab_form": _L120_34_1,
    "assessment_referrer": _L120_31_2,
    "management_end_decider": _L120_24_7,
    "community_rehab_registrar": _L120_32_5,
    "rehab_term_first": _L120_29_1,
    "rehab_term_repeat": _L120_29_1,
    "voluntary_required_stages": _L120_29_3,
    "dossier_reading_window": _L120_35_3_C,
    "dossier_forwarding": _L120_36_2_D,
    "compulsory_dossier_recipient": _L120_36_2_D,
    "compulsory_dossier_preparer": _L120_35_3_A,
}

_GROUNDS = {
    "law73": {
        "voluntary_not_done": _L73_32 + _L73_32_1,
        "used_in_voluntary": _L73_32 + _L73_32_2,
        "substitution": _L73_32 + _L73_32_3,
        "aftercare_relapse": _L73_32 + _L73_32_4,
    },
    "law120": {
        "voluntary_not_done": _L120_35_1 + " … " + _L120_35_1_A,
        "used_in_voluntary": _L120_35_1 + " … " + _L120_35_1_B,
        "substitution": _L120_35_1 + " … " + _L120_35_1_C,
        "aftercare_relapse": _L120_35_1 + " … " + _L120_35_1_D,
        "violations": _L120_35_1 + " … " + _L120_35_1_DD,
    },
}

_CHECKLISTS = {"law120": {"adult": _L120_35_3_B, "minor": _L120_36_2_B}}

SENTENCES: dict[tuple[str, str], str] = {
    **{(regime, code): text for regime in ("law73", "law120") for code, text in _SHARED.items()},
    **{("law73", code): text for code, text in _LAW_73.items()},
    **{("law120", code): text for code, text in _LAW_120.items()},
    **{("law120", code): text for code, text in _MONITORING.items()},
    **{("pd91", code): text for code, text in _PD_91.items()},
    **{("pd13", code): text for code, text in _PD_13.items()},
    **{
        (regime, f"ground:{code}"): text for regime, texts in _GROUNDS.items() for code, text in texts.items()
    },
    **{
        (regime, f"checklist:{code}"): text
        for regime, texts in _CHECKLISTS.items()
        for code, text in texts.items()
    },
}


def sentence(regime: str, code: str) -> str | None:
    """The sentence of the law the rule ``code`` of ``regime`` comes from; None if it was not read."""
    return SENTENCES.get((regime, code))

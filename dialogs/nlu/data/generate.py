#!/usr/bin/python3
"""Writes train.tsv (intent<TAB>procedure-or-none<TAB>text) from the hand-written phrasings below.

Run: /usr/bin/python3 dialogs/nlu/data/generate.py  (deterministic: fixed seed, no hash-ordered
iteration). Everything here was written for this project; nothing comes from
/work/shared/nlu/dev.jsonl, which is only ever measured against.

The phrasings are combined with procedure names, dossier codes, channels and documents, then
each sentence gets variants the way citizens type: without diacritics, teencode, regional words,
Telex remnants, typos, SMS capitals, greetings and politeness tacked on.
"""

import os
import random
import sys
import unicodedata

SEED = 20250101
HERE = os.path.dirname(os.path.abspath(__file__))

# ---------------------------------------------------------------------------------------------
# Procedures: how people name them (`name`, a noun phrase that fits "hồ sơ ___", "thủ tục ___"),
# how they say doing them (`act`, a verb phrase that fits "tôi muốn ___", "___ cần giấy tờ gì"),
# and situations that imply them without the official name (`ctx`, (intent, sentence)).

PROCS = {
    "khai_sinh": {
        "name": ["khai sinh", "giấy khai sinh", "đăng ký khai sinh", "khai sinh cho con",
                 "khai sinh cho bé", "trích lục khai sinh", "khai sinh quá hạn",
                 "giấy khai sinh của con", "khai sinh cho cháu", "đăng ký lại khai sinh"],
        "act": ["đăng ký khai sinh", "làm giấy khai sinh", "làm khai sinh cho con",
                "đăng ký khai sinh cho bé", "làm giấy khai sinh cho em bé mới sinh",
                "khai sinh cho con", "đăng ký khai sinh quá hạn", "xin trích lục khai sinh",
                "làm lại giấy khai sinh bị mất", "đăng ký khai sinh cho con ngoài giá thú",
                "làm khai sinh cho cháu nội", "đăng ký lại khai sinh"],
        "ctx": [
            ("procedure_info", "vợ em mới sinh em bé được 1 tuần, giờ làm giấy tờ cho bé cần mang gì"),
            ("procedure_info", "con sinh ở bệnh viện tỉnh khác thì đăng ký cho con ở đâu"),
            ("procedure_info", "bé sinh ra ở nước ngoài giờ về nước đăng ký khai sinh được không"),
            ("submit_request", "nhà em vừa có em bé, em muốn làm giấy tờ khai sinh cho cháu"),
            ("procedure_info", "giấy chứng sinh bị mất thì có khai sinh cho con được không"),
            ("procedure_info", "đặt tên cho con có dấu cách lạ có được đăng ký không"),
            ("submit_request", "tôi muốn khai sinh cho con gái mới sinh hôm 5/1"),
            ("procedure_info", "khai sinh cho con khi bố mẹ chưa đăng ký kết hôn thì sao"),
            ("procedure_info", "quá 60 ngày chưa khai sinh cho con có bị phạt không"),
        ],
    },
    "khai_tu": {
        "name": ["khai tử", "giấy chứng tử", "đăng ký khai tử", "trích lục khai tử", "báo tử",
                 "khai tử cho bố", "khai tử cho ông nội", "giấy khai tử"],
        "act": ["đăng ký khai tử", "làm giấy chứng tử", "khai tử cho mẹ tôi vừa mất",
                "làm giấy khai tử cho ông", "khai tử cho bố", "xin trích lục khai tử",
                "đăng ký khai tử cho người thân", "làm thủ tục báo tử cho bà nội",
                "khai tử cho ông ngoại mất ở bệnh viện"],
        "ctx": [
            ("procedure_info", "bố tôi mới mất tuần trước, gia đình cần làm giấy tờ gì với xã"),
            ("procedure_info", "người nhà mất ở bệnh viện thì đăng ký chứng tử ở đâu"),
            ("submit_request", "ông em vừa qua đời, em muốn làm thủ tục khai tử cho ông"),
            ("procedure_info", "bà mất đã 3 năm nhưng chưa làm giấy chứng tử, giờ làm được không"),
            ("procedure_info", "mẹ mất ở nước ngoài thì khai tử thế nào"),
            ("submit_request", "nhà có tang, cần làm giấy chứng tử để lo thủ tục thừa kế"),
        ],
    },
    "ket_hon": {
        "name": ["đăng ký kết hôn", "kết hôn", "giấy kết hôn", "giấy chứng nhận kết hôn",
                 "hôn thú", "đăng ký kết hôn với người nước ngoài", "giấy đăng ký kết hôn",
                 "kết hôn có yếu tố nước ngoài"],
        "act": ["đăng ký kết hôn", "làm giấy kết hôn", "làm giấy đăng ký kết hôn",
                "đăng ký kết hôn với bạn gái", "đăng ký kết hôn với người nước ngoài",
                "làm hôn thú", "đăng ký kết hôn với chồng người Hàn",
                "xin cấp lại giấy đăng ký kết hôn", "đăng ký kết hôn ở xã của vợ",
                "cưới vợ và đăng ký kết hôn"],
        "ctx": [
            ("procedure_info", "hai đứa em sắp cưới, lên xã làm giấy tờ cưới cần mang gì"),
            ("procedure_info", "em lấy chồng Hàn Quốc thì làm giấy tờ kết hôn ở đâu"),
            ("submit_request", "tụi mình muốn đăng ký kết hôn vào thứ 6 tuần này"),
            ("procedure_info", "vợ chồng ở khác tỉnh thì đăng ký kết hôn ở đâu cũng được hả"),
            ("procedure_info", "có cần cả hai vợ chồng có mặt khi nhận giấy kết hôn không"),
            ("submit_request", "anh ơi em muốn làm giấy kết hôn, tụi em tổ chức đám cưới rồi"),
        ],
    },
    "xac_nhan_hon_nhan": {
        "name": ["giấy xác nhận tình trạng hôn nhân", "xác nhận độc thân", "giấy độc thân",
                 "xác nhận tình trạng hôn nhân", "giấy xác nhận độc thân",
                 "xác nhận hôn nhân", "giấy xác nhận tình trạng hôn nhân để mua nhà"],
        "act": ["xin giấy xác nhận tình trạng hôn nhân", "xin xác nhận độc thân",
                "làm giấy xác nhận độc thân", "xin giấy độc thân",
                "cấp giấy xác nhận tình trạng hôn nhân để vay ngân hàng",
                "làm xác nhận tình trạng hôn nhân để kết hôn ở nước ngoài",
                "xin giấy xác nhận tình trạng hôn nhân để bán đất", "làm giấy xác nhận độc thân đi làm visa"],
        "ctx": [
            ("procedure_info", "ngân hàng đòi giấy chứng minh tôi chưa có vợ, xin ở đâu"),
            ("procedure_info", "mua nhà công chứng yêu cầu giấy xác nhận chưa kết hôn, làm thế nào"),
            ("submit_request", "tôi cần xin giấy xác nhận còn độc thân để làm hồ sơ mua chung cư"),
            ("procedure_info", "giấy xác nhận độc thân có hạn bao lâu vậy"),
            ("procedure_info", "đã ly hôn thì xin giấy xác nhận tình trạng hôn nhân có ghi gì"),
        ],
    },
    "thuong_tru": {
        "name": ["đăng ký thường trú", "thường trú", "hộ khẩu", "hộ khẩu thường trú",
                 "nhập hộ khẩu", "nhập khẩu", "chuyển hộ khẩu", "tách hộ khẩu",
                 "xóa đăng ký thường trú"],
        "act": ["đăng ký thường trú", "nhập hộ khẩu cho vợ", "chuyển hộ khẩu về nhà mới",
                "nhập khẩu cho con", "đăng ký thường trú vào nhà người thân",
                "tách hộ khẩu", "nhập hộ khẩu về nhà chồng", "chuyển hộ khẩu lên thành phố",
                "đăng ký thường trú cho con mới sinh", "xóa thường trú cũ",
                "đăng ký hộ khẩu thường trú ở chung cư"],
        "ctx": [
            ("procedure_info", "mới mua nhà ở Hà Nội, muốn chuyển hộ khẩu về thì cần gì"),
            ("procedure_info", "ở nhờ nhà anh trai có nhập hộ khẩu vào được không"),
            ("submit_request", "tôi muốn nhập khẩu cho vợ về nhà tôi sau khi cưới"),
            ("procedure_info", "giờ bỏ sổ hộ khẩu rồi thì chuyển nơi thường trú làm sao"),
            ("procedure_info", "thuê nhà dài hạn thì có nhập hộ khẩu vào đó được không"),
        ],
    },
    "tam_tru": {
        "name": ["đăng ký tạm trú", "tạm trú", "gia hạn tạm trú", "sổ tạm trú",
                 "tạm trú cho người thuê trọ", "khai báo tạm trú", "xác nhận tạm trú"],
        "act": ["đăng ký tạm trú", "đăng ký tạm trú cho người thuê trọ", "gia hạn tạm trú",
                "khai báo tạm trú", "làm tạm trú ở phòng trọ", "đăng ký tạm trú cho sinh viên",
                "làm tạm trú cho công nhân thuê nhà", "xin xác nhận tạm trú",
                "đăng ký tạm trú online trên VNeID"],
        "ctx": [
            ("procedure_info", "em mới lên thành phố thuê trọ đi học, có phải khai báo gì với công an không"),
            ("procedure_info", "chủ nhà trọ có phải đăng ký cho người thuê không, phạt bao nhiêu"),
            ("submit_request", "tôi cho 5 công nhân thuê nhà, muốn đăng ký tạm trú cho họ"),
            ("procedure_info", "ở trọ hơn 30 ngày thì có bắt buộc đăng ký tạm trú không"),
            ("procedure_info", "tạm trú hết hạn 2 năm thì gia hạn thế nào"),
        ],
    },
    "can_cuoc": {
        "name": ["căn cước", "thẻ căn cước", "cccd", "căn cước công dân", "thẻ cccd",
                 "căn cước gắn chip", "chứng minh nhân dân", "cmnd", "căn cước cho trẻ em",
                 "thẻ căn cước mới"],
        "act": ["làm căn cước", "cấp lại thẻ căn cước bị mất", "đổi cccd", "làm cccd cho con",
                "làm căn cước cho trẻ dưới 14 tuổi", "đổi chứng minh nhân dân sang căn cước",
                "cấp đổi căn cước hết hạn", "làm lại cccd", "làm thẻ căn cước gắn chip",
                "đổi thẻ căn cước sai thông tin", "cấp lại cccd bị hỏng chip",
                "làm căn cước khi đủ 25 tuổi"],
        "ctx": [
            ("procedure_info", "em lỡ làm mất ví cả thẻ căn cước, giờ làm lại cần những gì"),
            ("procedure_info", "con tôi 14 tuổi rồi có phải đi làm thẻ không"),
            ("submit_request", "tôi muốn đổi sang thẻ căn cước mới vì thẻ cũ bị gãy"),
            ("procedure_info", "năm nay tôi 40 tuổi có phải đổi thẻ căn cước không"),
            ("procedure_info", "chứng minh thư 9 số còn dùng được đến bao giờ"),
            ("procedure_info", "đổi căn cước có phải về nơi thường trú không hay làm ở đâu cũng được"),
        ],
    },
    "ho_chieu": {
        "name": ["hộ chiếu", "passport", "hộ chiếu phổ thông", "hộ chiếu gắn chip",
                 "hộ chiếu cho con", "hộ chiếu cho trẻ em", "hộ chiếu mới"],
        "act": ["làm hộ chiếu", "làm passport", "cấp hộ chiếu", "cấp lại hộ chiếu bị mất",
                "gia hạn hộ chiếu", "làm hộ chiếu cho con", "đổi hộ chiếu hết hạn",
                "làm hộ chiếu online", "cấp hộ chiếu phổ thông", "làm hộ chiếu gắn chip",
                "làm lại passport", "xin cấp hộ chiếu đi du lịch"],
        "ctx": [
            ("procedure_info", "tháng sau em đi Nhật du học, giờ làm sổ đi nước ngoài có kịp không"),
            ("procedure_info", "muốn xuất cảnh đi du lịch Thái Lan thì cần làm giấy tờ gì"),
            ("submit_request", "tôi cần làm giấy tờ xuất cảnh cho cả nhà đi Hàn Quốc"),
            ("procedure_info", "bé 3 tuổi đi nước ngoài có cần sổ riêng không hay đi chung với mẹ"),
            ("procedure_info", "passport sắp hết hạn 6 tháng có đi nước ngoài được không"),
        ],
    },
    "ly_lich_tu_phap": {
        "name": ["lý lịch tư pháp", "phiếu lý lịch tư pháp", "lltp", "phiếu lltp",
                 "lý lịch tư pháp số 1", "lý lịch tư pháp số 2", "phiếu lý lịch tư pháp số 2",
                 "giấy lý lịch tư pháp"],
        "act": ["làm lý lịch tư pháp", "xin phiếu lý lịch tư pháp", "cấp phiếu lltp số 1",
                "làm lý lịch tư pháp để xin visa", "xin lý lịch tư pháp đi xuất khẩu lao động",
                "làm phiếu lý lịch tư pháp số 2", "xin lý lịch tư pháp để đi làm",
                "làm lltp online", "xin cấp phiếu lý lịch tư pháp cho người nước ngoài"],
        "ctx": [
            ("procedure_info", "công ty yêu cầu nộp giấy chứng nhận không tiền án tiền sự, xin ở đâu"),
            ("procedure_info", "đi xuất khẩu lao động Nhật cần xác nhận không có án tích thì làm sao"),
            ("submit_request", "tôi muốn xin giấy xác nhận không tiền án để nộp hồ sơ xin việc"),
            ("procedure_info", "phiếu số 1 khác phiếu số 2 chỗ nào"),
            ("procedure_info", "đang ở nước ngoài có ủy quyền người nhà xin phiếu lý lịch được không"),
        ],
    },
    "giay_phep_lai_xe": {
        "name": ["giấy phép lái xe", "bằng lái", "bằng lái xe", "gplx", "bằng b2", "bằng a1",
                 "bằng lái quốc tế", "bằng lái xe máy", "bằng lái ô tô", "giấy phép lái xe quốc tế"],
        "act": ["đổi bằng lái xe", "cấp lại bằng lái bị mất", "đổi gplx hết hạn",
                "đổi bằng lái sang thẻ pet", "cấp đổi giấy phép lái xe", "đổi bằng lái quốc tế",
                "làm lại bằng lái xe máy bị mất", "đổi bằng b2", "cấp lại giấy phép lái xe",
                "đổi gplx online", "đổi bằng lái xe nước ngoài sang bằng Việt Nam"],
        "ctx": [
            ("procedure_info", "bằng lái ô tô của tôi hết hạn tháng trước, giờ đổi có phải thi lại không"),
            ("procedure_info", "mất ví có cả bằng xe máy thì xin cấp lại ở đâu"),
            ("submit_request", "tôi muốn đổi bằng lái giấy cũ sang loại thẻ nhựa"),
            ("procedure_info", "đi Mỹ có lái xe được bằng Việt Nam không, làm bằng quốc tế thế nào"),
            ("procedure_info", "bằng B2 sắp hết hạn, cần khám sức khỏe trước khi đổi không"),
        ],
    },
    "dang_ky_xe": {
        "name": ["đăng ký xe", "đăng ký xe máy", "biển số xe", "cà vẹt xe", "giấy đăng ký xe",
                 "sang tên xe", "biển số định danh", "đăng ký ô tô", "cavet"],
        "act": ["đăng ký xe máy mới mua", "sang tên xe", "bấm biển số", "làm cà vẹt xe",
                "cấp lại giấy đăng ký xe bị mất", "sang tên đổi chủ xe ô tô", "đăng ký xe",
                "đăng ký biển số định danh", "sang tên xe máy cũ", "đăng ký ô tô mới",
                "đổi biển số xe sang biển vàng", "làm lại cavet xe"],
        "ctx": [
            ("procedure_info", "mua lại xe máy cũ của người quen, giờ chuyển sang tên mình cần gì"),
            ("procedure_info", "mới mua xe ô tô ở đại lý thì bấm biển ở đâu"),
            ("submit_request", "tôi mới mua chiếc Wave, muốn làm giấy tờ xe đứng tên tôi"),
            ("procedure_info", "xe chính chủ đã mất liên lạc thì sang tên được không"),
            ("procedure_info", "đóng lệ phí trước bạ xe xong thì làm gì tiếp"),
        ],
    },
    "ho_kinh_doanh": {
        "name": ["hộ kinh doanh", "đăng ký hộ kinh doanh", "hộ kinh doanh cá thể",
                 "giấy phép kinh doanh hộ cá thể", "giấy đăng ký hộ kinh doanh",
                 "kinh doanh hộ gia đình", "đăng ký kinh doanh cá thể"],
        "act": ["đăng ký hộ kinh doanh", "làm giấy phép kinh doanh cho quán cà phê",
                "đăng ký hộ kinh doanh cá thể", "thay đổi nội dung đăng ký hộ kinh doanh",
                "tạm ngừng hộ kinh doanh", "mở hộ kinh doanh bán tạp hóa",
                "đăng ký kinh doanh cho tiệm tóc", "làm giấy đăng ký hộ kinh doanh",
                "chấm dứt hộ kinh doanh", "đăng ký kinh doanh quán ăn nhỏ"],
        "ctx": [
            ("procedure_info", "nhà tôi mở tiệm tạp hóa nhỏ trước nhà có cần giấy phép không"),
            ("procedure_info", "bán quán nước ven đường thì phải đăng ký kinh doanh ở đâu"),
            ("submit_request", "em muốn làm giấy phép cho tiệm nail mới mở, đăng ký theo hộ cá thể"),
            ("procedure_info", "bán hàng online tại nhà có phải đăng ký hộ kinh doanh không"),
            ("procedure_info", "quán cơm của mẹ tôi muốn đổi tên chủ hộ thì làm sao"),
        ],
    },
    "thanh_lap_doanh_nghiep": {
        "name": ["thành lập doanh nghiệp", "thành lập công ty", "đăng ký doanh nghiệp",
                 "công ty TNHH", "công ty cổ phần", "giấy chứng nhận đăng ký doanh nghiệp",
                 "doanh nghiệp tư nhân", "giấy phép thành lập công ty", "mở công ty"],
        "act": ["thành lập công ty", "mở công ty TNHH một thành viên",
                "đăng ký thành lập doanh nghiệp", "lập công ty cổ phần",
                "đăng ký doanh nghiệp tư nhân", "mở công ty", "thành lập công ty TNHH hai thành viên",
                "đăng ký thành lập doanh nghiệp qua mạng", "chuyển hộ kinh doanh lên công ty",
                "mở công ty xây dựng"],
        "ctx": [
            ("procedure_info", "tôi với bạn góp vốn mở công ty phần mềm thì đăng ký ở đâu"),
            ("procedure_info", "vốn điều lệ tối thiểu để lập công ty là bao nhiêu"),
            ("submit_request", "tôi muốn đăng ký công ty mới, ngành nghề thương mại điện tử"),
            ("procedure_info", "người nước ngoài có được đứng tên thành lập công ty ở Việt Nam không"),
            ("procedure_info", "đặt tên công ty trùng thì có đăng ký được không"),
        ],
    },
    "giay_phep_xay_dung": {
        "name": ["giấy phép xây dựng", "phép xây dựng", "GPXD", "giấy phép xây nhà",
                 "giấy phép sửa chữa nhà", "giấy phép xây dựng nhà ở riêng lẻ",
                 "phép xây nhà"],
        "act": ["xin giấy phép xây dựng", "xin phép xây nhà 3 tầng", "làm GPXD nhà ở riêng lẻ",
                "xin phép sửa chữa cải tạo nhà", "xin giấy phép xây dựng nhà ở",
                "xin phép xây nhà", "làm giấy phép xây dựng", "xin phép nâng tầng nhà",
                "gia hạn giấy phép xây dựng", "xin phép xây tường rào"],
        "ctx": [
            ("procedure_info", "nhà tôi ở nông thôn xây nhà cấp 4 có phải xin phép không"),
            ("procedure_info", "muốn đập nhà cũ xây lại 4 tầng thì thủ tục xin phép thế nào"),
            ("submit_request", "tôi chuẩn bị xây nhà mới, muốn nộp hồ sơ xin phép xây dựng"),
            ("procedure_info", "bản vẽ thiết kế nhà có cần công ty có chứng chỉ vẽ không"),
            ("procedure_info", "xây nhà không phép bị phạt bao nhiêu"),
        ],
    },
    "dat_dai": {
        "name": ["sổ đỏ", "sổ hồng", "giấy chứng nhận quyền sử dụng đất", "bìa đỏ",
                 "đất đai", "tách thửa", "sang tên sổ đỏ", "chuyển nhượng đất",
                 "biến động đất đai", "sổ đỏ lần đầu", "giấy chứng nhận quyền sử dụng đất lần đầu",
                 "thừa kế đất"],
        "act": ["làm sổ đỏ", "cấp sổ đỏ lần đầu", "sang tên sổ đỏ", "tách thửa đất",
                "đăng ký biến động đất đai", "cấp lại sổ hồng bị mất", "làm sổ hồng cho căn hộ",
                "chuyển mục đích sử dụng đất", "đính chính sổ đỏ", "sang tên đất cho con",
                "làm bìa đỏ", "làm thủ tục thừa kế đất", "cấp đổi sổ đỏ cũ"],
        "ctx": [
            ("procedure_info", "bố mẹ tôi muốn cho tôi mảnh đất ở quê thì làm thủ tục gì"),
            ("procedure_info", "đất ông bà để lại chưa có giấy tờ gì thì xin cấp giấy như thế nào"),
            ("submit_request", "tôi muốn chia mảnh đất 200m2 thành hai phần cho hai con"),
            ("procedure_info", "mua đất giấy tay từ năm 2010 giờ làm giấy chứng nhận được không"),
            ("procedure_info", "đo đạc lại diện tích đất bị lệch so với giấy thì sửa thế nào"),
            ("procedure_info", "chung cư bàn giao 3 năm chưa có sổ hồng thì làm sao"),
        ],
    },
    "chung_thuc": {
        "name": ["chứng thực", "chứng thực bản sao", "công chứng bản sao", "sao y bản chính",
                 "chứng thực chữ ký", "sao y", "công chứng giấy tờ", "photo công chứng",
                 "chứng thực điện tử", "chứng thực hợp đồng"],
        "act": ["chứng thực bản sao", "công chứng bản sao căn cước", "sao y giấy tờ",
                "chứng thực chữ ký", "chứng thực hợp đồng", "chứng thực bản sao bằng đại học",
                "chứng thực bản sao từ bản chính", "photo công chứng học bạ",
                "sao y bản chính sổ hộ khẩu", "chứng thực bản sao điện tử",
                "công chứng mấy tờ giấy", "chứng thực chữ ký trên giấy ủy quyền"],
        "ctx": [
            ("procedure_info", "em cần photo mấy bản bằng tốt nghiệp có đóng dấu đỏ để nộp xin việc, làm ở đâu"),
            ("procedure_info", "ký giấy ủy quyền cho em trai thì cần xác nhận chữ ký ở đâu"),
            ("submit_request", "tôi muốn sao y 5 bản học bạ để nộp hồ sơ nhập học"),
            ("procedure_info", "bản sao có đóng dấu dùng được bao lâu, 6 tháng hả"),
            ("procedure_info", "làm bản sao giấy tờ có dấu đỏ trên mạng được không"),
        ],
    },
    "tro_cap_that_nghiep": {
        "name": ["trợ cấp thất nghiệp", "bảo hiểm thất nghiệp", "tc thất nghiệp",
                 "tiền thất nghiệp", "hưởng thất nghiệp", "bhtn", "trợ cấp thất nghiệp một lần"],
        "act": ["làm trợ cấp thất nghiệp", "hưởng bảo hiểm thất nghiệp", "nhận tiền thất nghiệp",
                "nộp hồ sơ hưởng trợ cấp thất nghiệp", "đăng ký thất nghiệp sau khi nghỉ việc",
                "lãnh trợ cấp thất nghiệp", "làm bảo hiểm thất nghiệp", "hưởng tc thất nghiệp",
                "báo tìm việc hằng tháng để nhận thất nghiệp"],
        "ctx": [
            ("procedure_info", "tôi vừa bị công ty cho nghỉ việc, đóng bảo hiểm 3 năm thì được nhận tiền gì"),
            ("procedure_info", "mất việc rồi thì lên đâu để lãnh tiền hỗ trợ hàng tháng"),
            ("submit_request", "em mới nghỉ việc tháng này, muốn nộp hồ sơ nhận tiền thất nghiệp"),
            ("procedure_info", "nghỉ việc quá 3 tháng rồi còn nộp hồ sơ thất nghiệp được không"),
            ("procedure_info", "đang nhận thất nghiệp mà có việc mới thì phải báo không"),
        ],
    },
    "bhyt": {
        "name": ["bảo hiểm y tế", "thẻ bhyt", "bhyt", "thẻ bảo hiểm y tế",
                 "bảo hiểm y tế hộ gia đình", "bảo hiểm y tế học sinh", "bảo hiểm y tế cho trẻ em",
                 "thẻ bảo hiểm"],
        "act": ["gia hạn thẻ bảo hiểm y tế", "cấp lại thẻ bhyt bị mất", "mua bảo hiểm y tế hộ gia đình",
                "làm thẻ bảo hiểm y tế cho trẻ dưới 6 tuổi", "đổi thẻ bhyt sai thông tin",
                "đổi nơi khám chữa bệnh ban đầu", "gia hạn bhyt", "làm thẻ bhyt cho con",
                "cấp thẻ bảo hiểm y tế", "mua bhyt cho bố mẹ"],
        "ctx": [
            ("procedure_info", "thẻ khám bệnh của mẹ tôi hết hạn, muốn đóng tiếp thì đóng ở đâu"),
            ("procedure_info", "con mới sinh có được cấp thẻ khám chữa bệnh miễn phí không"),
            ("submit_request", "tôi muốn mua bảo hiểm khám chữa bệnh cho cả nhà 4 người"),
            ("procedure_info", "đi khám bệnh trái tuyến có được bảo hiểm chi trả không"),
            ("procedure_info", "dùng thẻ trên VNeID thay thẻ giấy đi khám được không"),
        ],
    },
    "thai_san": {
        "name": ["thai sản", "chế độ thai sản", "tiền thai sản", "bảo hiểm thai sản",
                 "trợ cấp sinh con", "nghỉ thai sản", "chế độ thai sản cho chồng",
                 "trợ cấp thai sản một lần"],
        "act": ["hưởng chế độ thai sản", "nhận tiền thai sản", "làm hồ sơ thai sản",
                "làm chế độ thai sản cho chồng", "nhận trợ cấp một lần khi sinh con",
                "làm thai sản", "hưởng thai sản khi đã nghỉ việc", "lãnh tiền thai sản",
                "xin chế độ nghỉ thai sản", "làm hồ sơ hưởng chế độ sinh con"],
        "ctx": [
            ("procedure_info", "vợ em sinh rồi, em đóng bảo hiểm ở công ty thì được hưởng gì"),
            ("procedure_info", "nghỉ sinh 6 tháng có được công ty trả lương không hay bảo hiểm trả"),
            ("submit_request", "em sinh bé được 2 tháng, muốn làm hồ sơ nhận tiền chế độ sinh con"),
            ("procedure_info", "đóng bảo hiểm được 5 tháng thì có được hưởng tiền sinh con không"),
            ("procedure_info", "sảy thai có được nghỉ hưởng bảo hiểm không"),
        ],
    },
    "giam_ho": {
        "name": ["giám hộ", "đăng ký giám hộ", "người giám hộ", "giám hộ cho cháu",
                 "thay đổi giám hộ", "chấm dứt giám hộ", "giám hộ cử"],
        "act": ["đăng ký giám hộ cho cháu mồ côi", "đăng ký giám hộ", "làm thủ tục giám hộ cho em trai",
                "đăng ký người giám hộ cho mẹ già", "chấm dứt giám hộ", "đăng ký thay đổi người giám hộ",
                "làm giám hộ cho con của chị gái", "đăng ký giám hộ cho người mất năng lực hành vi"],
        "ctx": [
            ("procedure_info", "cháu tôi bố mẹ mất cả rồi, tôi muốn đứng ra nuôi và chăm lo pháp lý cho cháu"),
            ("procedure_info", "bố tôi bị tai biến không tự quyết được, ai đứng ra thay ông làm giấy tờ"),
            ("submit_request", "tôi muốn đăng ký làm người đại diện chăm sóc cho em gái bị khuyết tật trí tuệ"),
            ("procedure_info", "cháu dưới 18 tuổi mất cha mẹ thì ai làm người giám hộ"),
        ],
    },
}

# ---------------------------------------------------------------------------------------------
# Fillers shared by the templates.

CHANNELS = ["zalo", "sms", "tin nhắn", "email", "mail", "ứng dụng", "app", "tin nhắn điện thoại",
            "Zalo OA", "điện thoại", "số điện thoại", "gmail", "app dịch vụ công"]
# Documents that appear in passing: they never set the procedure on their own.
DOCS = ["bản sao cccd", "ảnh chân dung", "giấy ủy quyền", "tờ khai", "ảnh căn cước mặt trước",
        "bản scan cccd", "đơn đề nghị", "bản sao sổ hộ khẩu", "biên lai nộp phí", "ảnh thẻ 4x6",
        "bản chụp cmnd", "số cccd", "trang 2 của tờ khai", "chữ ký", "ảnh chụp giấy tờ",
        "giấy tờ tùy thân", "bản sao giấy tờ", "file pdf", "ảnh scan"]
NAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Minh Đức",
         "Võ Thị Hoa", "Đặng Quốc Hùng", "Bùi Thị Lan", "Đỗ Văn Nam", "Ngô Thị Mai"]
PLACES = ["phường Bến Thành", "xã Tân Phú", "phường Láng", "xã Hòa Bình", "phường 7",
          "xã Đông Hòa", "phường Hải Châu", "thị trấn Cần Giuộc", "xã Phước Kiển"]
TIMES = ["tuần trước", "hôm thứ 2", "từ tháng trước", "cách đây 10 ngày", "hôm qua",
         "từ đầu tháng", "15 ngày trước", "sáng nay", "hồi tháng 3", "hơn 1 tháng nay"]


def make_code(rng):
    """A dossier code in one of the ways people write it."""
    province = rng.choice(["H29", "H26", "G01", "H31", "K15", "H48", "T01", "Q79", "H56"])
    unit = rng.choice([
        f"000.00.{rng.randint(1, 40):02d}.{province}",
        f"000.{rng.randint(10, 99)}.{rng.randint(1, 40):02d}.{province}",
        f"{rng.randint(100, 999)}.{rng.randint(10, 99)}.{province}",
    ])
    date = f"{rng.randint(23, 25):02d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    seq = f"{rng.randint(1, 12000):04d}"
    code = f"{unit}-{date}-{seq}"
    style = rng.random()
    if style < 0.25:
        code = code.lower()
    elif style < 0.35:
        code = code.replace(".", ",").lower()
    elif style < 0.45:
        code = code.replace("-", " - ")
    elif style < 0.52:
        code = code.replace(".", " ").lower()
    elif style < 0.57:
        code = code.replace("-", " ")
    return code


def make_phone(rng):
    p = "0" + rng.choice(["9", "8", "3", "7"]) + "".join(str(rng.randint(0, 9)) for _ in range(8))
    if rng.random() < 0.3:
        p = f"{p[:4]} {p[4:7]} {p[7:]}"
    return p


def make_email(rng):
    user = rng.choice(["nguyenvanan", "tranbinh88", "le.cuong", "dungpham", "hoa.vo92", "namdo"])
    return f"{user}@{rng.choice(['gmail.com', 'yahoo.com', 'outlook.com', 'vnn.vn'])}"


def make_cccd(rng):
    return "0" + "".join(str(rng.randint(0, 9)) for _ in range(11))


# ---------------------------------------------------------------------------------------------
# Intent templates. {act} and {name} come from PROCS; a template with either sets the
# procedure. {code}, {doc}, {chan}, {phone}, {email}, {cccd}, {person}, {place}, {time} are fillers.

PROC_TEMPLATES = {
    "procedure_info": [
        "{act} cần giấy tờ gì", "cho hỏi {act} cần những giấy tờ gì ạ", "hồ sơ {name} gồm những gì",
        "thủ tục {act} như thế nào", "{act} mất bao lâu", "{act} bao lâu thì có kết quả",
        "lệ phí {act} là bao nhiêu", "{act} hết bao nhiêu tiền", "{act} ở đâu",
        "nộp hồ sơ {name} ở đâu vậy", "{act} online được không",
        "có thể {act} trực tuyến trên cổng dịch vụ công không", "{act} có cần về quê không",
        "điều kiện để {act} là gì", "mẫu tờ khai {name} lấy ở đâu", "tôi muốn hỏi về thủ tục {name}",
        "hướng dẫn giúp em cách {act} với", "{act} có được ủy quyền cho người khác không",
        "{act} thì cần mang theo gì", "{act} có mất phí không",
        "thời gian giải quyết {name} là mấy ngày", "{act} làm ở xã hay ở tỉnh",
        "{act} trên VNeID được không", "{act} cần bản sao hay bản chính",
        "em chưa biết {act} thế nào, chỉ em với", "quy trình {act} gồm những bước nào",
        "ai được {act}", "{name} có thời hạn bao lâu", "thủ tục {name} mới nhất năm 2025 ra sao",
        "{act} qua bưu điện được không", "{act} thứ 7 có làm không",
        "{act} có phải đến trực tiếp không", "hỏi chút về {name}: phí bao nhiêu, bao lâu xong",
        "cho mình xin danh sách giấy tờ {act}", "{act} thì đến cơ quan nào",
        "{act} có làm ở nơi tạm trú được không", "{act} nộp online thì nhận kết quả bằng cách nào",
        "{act} cần mấy bản photo", "muốn {act} thì phải chuẩn bị gì trước",
        "dạ cho em hỏi {name} làm online hay phải lên phường ạ", "{name} thủ tục có rườm rà không",
        "em đang ở xa thì {act} thế nào", "{act} có cần sổ hộ khẩu không",
        "{act} có cần mang căn cước không", "phí {name} đóng online được không",
        "what documents do I need to {act}", "how long does {name} take",
        "{name} procedure như thế nào vậy ad", "{act} có cần xác nhận của tổ trưởng dân phố không",
        "{act} mà không có bản chính thì có được không", "tư vấn giúp tôi về {name}",
        "{act} cần điều kiện gì", "có ai biết {act} ở đâu nhanh nhất không",
    ],
    "submit_request": [
        "tôi muốn {act}", "em muốn {act} ạ", "mình cần {act} gấp", "tôi cần nộp hồ sơ {name}",
        "nộp hồ sơ {name} online giúp tôi", "tôi đăng ký {name}", "cho tôi {act}",
        "giúp tôi {act}", "tôi có nhu cầu {act}", "em cần làm thủ tục {name}, đã chuẩn bị đủ giấy tờ rồi",
        "nộp {name}", "đăng ký {name}", "tôi đã chuẩn bị xong giấy tờ, giờ muốn {act}",
        "làm ơn cho mình {act}", "cho em làm {name} luôn", "tôi muốn {act} cho mẹ tôi",
        "xin {act}", "tôi muốn nộp hồ sơ {name} trực tuyến", "bắt đầu nộp hồ sơ {name}",
        "mình muốn làm {name} qua đây", "em muốn nộp hồ sơ {name} bây giờ",
        "tôi sẽ {act}, tạo hồ sơ giúp tôi", "cần {act} tuần này", "nhờ anh chị {act} giúp em",
        "tôi muốn đăng ký làm {name} cho con", "em xin phép {act}", "muốn {act}",
        "tôi cần {act}, nộp ở đây được không", "mở hồ sơ {name} mới giúp tôi",
        "I want to {act}", "I need to apply for {name}", "tôi có đủ giấy tờ rồi, {act} luôn nhé",
        "tạo giúp em hồ sơ {name}", "cho đăng ký {name} trực tuyến", "bây giờ tôi {act} được chứ",
        "tôi quyết định {act}, làm sao nộp", "gửi hồ sơ {name}", "nộp đơn {name}",
    ],
    "lookup_status": [
        "hồ sơ {name} của tôi nộp {time} giờ sao rồi", "hồ sơ {name} nộp {time} đã xử lý chưa",
        "tra cứu tiến độ hồ sơ {name}", "cho hỏi hồ sơ {name} mã {code} đã xong chưa",
        "hồ sơ {name} của em đến bước nào rồi", "kết quả {name} của tôi có chưa",
        "bao giờ tôi nhận được {name}, nộp {time} rồi", "{name} của tôi đã duyệt chưa",
        "tôi nộp hồ sơ {name} {time}, số biên nhận {code}, đã có kết quả chưa",
        "kiểm tra giúp tôi hồ sơ {name} đang ở đâu", "hồ sơ {act} của tôi được giải quyết chưa",
        "tra hồ sơ {name} {code}", "hồ sơ {name} nộp online {time} sao chưa thấy gì",
        "xem giúp em hồ sơ {name} đã được tiếp nhận chưa", "{name} của mẹ tôi làm xong chưa",
        "check status {name} application {code}", "tình trạng hồ sơ {name} hiện tại thế nào",
        "hồ sơ {name} tên {person} đến đâu rồi", "đã nộp {name} {time}, khi nào lấy được",
    ],
    "supplement": [
        "cán bộ yêu cầu bổ sung giấy tờ cho hồ sơ {name}, tôi gửi ở đâu",
        "hồ sơ {name} bị thiếu {doc}, giờ em nộp thêm", "sửa lại thông tin sai trong hồ sơ {name}",
        "tôi muốn bổ sung {doc} cho hồ sơ {name}", "hồ sơ {name} bị trả về yêu cầu bổ sung, tôi nộp lại",
        "em khai nhầm ngày sinh trong hồ sơ {name}, cho em sửa lại",
        "gửi bổ sung {doc} cho hồ sơ {name} mã {code}", "nộp bổ sung hồ sơ {name}",
        "cập nhật lại {doc} trong hồ sơ {name} đã nộp", "hồ sơ {name} cần thêm {doc}, tôi gửi bản scan nhé",
        "bổ sung hồ sơ {name}", "tôi nhận tin báo hồ sơ {name} thiếu giấy, giờ bổ sung thế nào",
        "thay {doc} khác cho hồ sơ {name} vì ảnh cũ mờ", "đính kèm thêm {doc} vào hồ sơ {name}",
    ],
    "withdraw": [
        "tôi muốn rút hồ sơ {name}", "hủy hồ sơ {name} đã nộp", "cho em rút lại hồ sơ {name}",
        "không làm {name} nữa, hủy giúp tôi", "hủy yêu cầu {act}", "xin rút đơn {name}",
        "tôi đổi ý rồi, không {act} nữa, cho tôi hủy hồ sơ", "nộp trùng 2 hồ sơ {name}, hủy bớt 1 cái",
        "dừng xử lý hồ sơ {name} của tôi", "rút hồ sơ {name} mã {code}",
        "hồ sơ {name} nộp nhầm, rút lại giúp em", "cho tôi hủy hồ sơ {name} để nộp lại từ đầu",
        "rút yêu cầu {act}", "hủy bỏ đơn {name} tôi nộp {time}",
    ],
    "feedback": [
        "hồ sơ {name} trễ hẹn 2 tuần mà không ai giải thích", "tôi muốn khiếu nại về việc giải quyết hồ sơ {name}",
        "phản ánh: bị đòi tiền ngoài khi {act}", "cán bộ bắt đi lại 3 lần vẫn chưa xong {name}",
        "làm {name} gì mà lâu vậy, quá hạn rồi không có thông báo gì", "kiến nghị rút ngắn thời gian {act}",
        "cán bộ tiếp nhận hồ sơ {name} thái độ rất khó chịu", "tôi bức xúc vì hồ sơ {name} bị trả mà không nói lý do",
        "góp ý: hướng dẫn {act} trên mạng ghi sai, làm tôi nộp thiếu", "khiếu nại cán bộ gây khó dễ khi {act}",
        "hẹn trả {name} hôm qua mà đến nay chưa có, quá tệ", "{act} mà phải chờ cả buổi sáng, quá chậm",
        "tôi phản ánh việc hồ sơ {name} bị thất lạc", "cổng dịch vụ công lỗi không nộp được {name}, mất cả buổi",
    ],
    "rate": [
        "tôi hài lòng với cách giải quyết hồ sơ {name}", "{name} làm nhanh, 5 sao",
        "rất hài lòng khi {act} ở đây", "làm {name} nhanh gọn, chấm 10 điểm",
        "không hài lòng, {act} mất quá nhiều thời gian", "hồ sơ {name}: hài lòng",
        "đánh giá 4 sao cho dịch vụ {name}", "3 sao, {act} hơi chậm",
    ],
    "human": [
        "tôi muốn nói chuyện trực tiếp với cán bộ phụ trách hồ sơ {name}",
        "cho tôi gặp cán bộ tư pháp để hỏi về {name}", "chuyển cho nhân viên giúp, tôi cần tư vấn {name}",
        "có cán bộ nào trực để tôi hỏi về {act} không", "cho xin số điện thoại bộ phận {name}",
        "nối máy cho tôi với người xử lý hồ sơ {name}",
    ],
    "subscribe": [
        "báo cho tôi qua {chan} khi hồ sơ {name} có kết quả", "tôi muốn nhận thông báo về hồ sơ {name} qua {chan}",
        "khi nào {name} xong thì nhắn tin cho tôi nhé", "đăng ký nhận thông báo tiến độ hồ sơ {name}",
        "gửi kết quả {name} qua {chan} giúp tôi",
    ],
    "unsubscribe": [
        "không cần gửi thông báo về hồ sơ {name} nữa", "hủy nhận tin nhắn về hồ sơ {name}",
        "ngừng gửi {chan} về {name} cho tôi",
    ],
    "thanks": [
        "cảm ơn đã hướng dẫn {act}", "cám ơn nhé, giờ tôi biết cách {act} rồi",
        "thanks ad, thông tin về {name} rất hữu ích", "dạ em cảm ơn, để em chuẩn bị hồ sơ {name}",
    ],
}

# Templates with no procedure (filled with codes, documents, channels).
PLAIN_TEMPLATES = {
    "lookup_status": [
        "hồ sơ {code} đến đâu rồi", "tra cứu hồ sơ {code}", "kiểm tra tình trạng hồ sơ {code}",
        "{code}", "mã hồ sơ {code} đã có kết quả chưa", "{code} xong chưa", "check giúp mình hồ sơ {code}",
        "tra ho so so {code}", "hồ sơ mã {code} đang ở bước nào", "cho hỏi tình trạng hồ sơ số {code}",
        "tôi nộp hồ sơ {time}, mã {code}, bao giờ có kết quả", "hồ sơ của tôi duyệt chưa vậy",
        "tình trạng hồ sơ của tôi thế nào rồi", "hồ sơ của em đến đâu rồi ạ",
        "tôi đã nộp hồ sơ online {time}, theo dõi tiến độ ở đâu", "kết quả hồ sơ có chưa ạ",
        "tra cứu {code}", "TRA CUU {code}", "TC {code}", "ma ho so {code}", "hồ sơ số {code} sao rồi",
        "hồ sơ đứng tên {person} nộp {time} đã giải quyết chưa", "đã có kết quả hồ sơ của tôi chưa",
        "bao giờ hồ sơ của tôi xong vậy", "hồ sơ {code} đã được tiếp nhận chưa",
        "cho tôi biết hồ sơ {code} có vấn đề gì không", "mã biên nhận {code}, nhờ kiểm tra giúp",
        "hôm nay có trả kết quả hồ sơ {code} không", "hồ sơ em nộp {time} sao chưa thấy báo gì",
        "xem tình trạng xử lý hồ sơ của tôi", "tra cứu hồ sơ số cccd {cccd}",
        "kiểm tra hồ sơ của tôi, số cccd {cccd}", "kiểm tra hồ sơ theo số điện thoại {phone}",
        "status of application {code}", "my dossier {code} done yet?", "hồ sơ {code} trả kết quả chưa",
        "lấy kết quả hồ sơ {code} được chưa", "tra giúp hồ sơ, mã {code}, tên {person}",
        "hồ sơ của mẹ tôi mã {code} đến đâu rồi", "tiến độ hồ sơ {code}",
        "mình nộp hồ sơ ở {place} {time}, giờ tới đâu rồi", "hồ sơ đã chuyển sang bước thẩm định chưa",
        "đã nộp phí rồi, hồ sơ {code} giờ đang chờ gì",
    ],
    "supplement": [
        "tôi muốn bổ sung hồ sơ {code}", "gửi bổ sung {doc} cho hồ sơ {code}",
        "nhận được tin nhắn yêu cầu bổ sung, giờ làm sao", "cập nhật lại số điện thoại trong hồ sơ {code}",
        "đính kèm thêm {doc}", "hồ sơ bị yêu cầu bổ sung {doc}, tôi nộp thêm ở đâu", "nộp bổ sung",
        "bổ sung giấy tờ cho hồ sơ {code}", "tôi đã có {doc} rồi, gửi bổ sung cho hồ sơ {code}",
        "sửa thông tin hồ sơ {code}, tôi ghi sai địa chỉ", "em nộp thiếu {doc}, giờ bổ sung được không",
        "hồ sơ {code} cán bộ bảo thiếu {doc}", "cho tôi nộp lại {doc} vì bản cũ bị mờ",
        "tôi gửi {doc} bổ sung theo yêu cầu", "sửa sai tên trong hồ sơ {code}",
        "hồ sơ bị trả về để bổ sung, nộp lại phần thiếu như thế nào", "bổ sung hồ sơ",
        "cần điều chỉnh thông tin trong hồ sơ đã nộp", "upload thêm {doc} cho hồ sơ {code}",
        "ghi nhầm số cccd trong tờ khai, sửa giúp tôi", "thêm {doc} vào hồ sơ số {code}",
        "bên mình báo hồ sơ thiếu chữ ký, mình ký bổ sung ở đâu", "gửi lại {doc} bản rõ hơn",
        "hồ sơ {code} cần bổ sung gì nữa không để tôi nộp", "tôi muốn thay đổi nội dung trong hồ sơ vừa nộp",
    ],
    "withdraw": [
        "tôi muốn rút hồ sơ {code}", "rút hồ sơ", "hủy hồ sơ đã nộp", "cho tôi rút lại hồ sơ",
        "dừng xử lý hồ sơ {code}", "tôi nộp nhầm hồ sơ, muốn rút về", "hủy hồ sơ {code}",
        "xin rút hồ sơ {code} vì không còn nhu cầu", "không làm nữa, hủy hồ sơ giúp tôi",
        "rút đơn", "hủy yêu cầu vừa gửi", "hồ sơ {code} tôi không muốn làm nữa",
        "nộp trùng hồ sơ, hủy giúp cái {code}", "tôi muốn dừng hồ sơ đang xử lý",
        "hủy hồ sơ vừa nộp sáng nay", "cho em xin rút hồ sơ về ạ", "huy ho so {code}",
        "rút lại hồ sơ, tôi sẽ nộp bộ khác", "không cần giải quyết hồ sơ {code} nữa",
        "tôi xin hủy bỏ yêu cầu đã gửi {time}", "muốn lấy lại hồ sơ đã nộp, không làm nữa",
    ],
    "feedback": [
        "cán bộ tiếp dân thái độ rất tệ", "gọi tổng đài mãi không ai nghe máy",
        "hotline không ai bắt máy, bực mình", "kiến nghị tăng thêm quầy tiếp nhận hồ sơ",
        "web dịch vụ công lỗi hoài, không nộp được", "bộ phận một cửa làm việc chậm chạp",
        "hồ sơ {code} trễ hẹn mà không có văn bản xin lỗi", "tôi muốn khiếu nại cán bộ ở {place}",
        "phản ánh cán bộ đòi tiền bồi dưỡng", "góp ý: nên mở cửa làm việc cả sáng thứ 7",
        "bị trả hồ sơ mà không nói lý do", "chờ từ sáng đến trưa chưa tới lượt, quá bức xúc",
        "cán bộ nói chuyện cộc lốc, không hướng dẫn gì", "tôi phản ánh việc hồ sơ {code} bị thất lạc",
        "gọi số đường dây nóng cả chục lần không ai trả lời", "tổng đài toàn bắt chờ rồi tự ngắt",
        "hồ sơ {code} quá hạn 10 ngày, yêu cầu giải thích", "chatbot trả lời không đúng câu hỏi, kém quá",
        "nhân viên hẹn 3 ngày mà 2 tuần chưa xong", "đề nghị xem xét thái độ của cán bộ tiếp nhận",
        "mỗi lần lên lại bảo thiếu một thứ, rất mất thời gian", "tin nhắn thông báo gửi sai tên tôi",
        "tôi không đồng ý với quyết định từ chối hồ sơ {code}, xin khiếu nại",
        "cán bộ làm mất giấy tờ gốc của tôi", "hệ thống bắt đăng nhập mãi không được, rất bất tiện",
        "phản ánh tình trạng cò mồi trước cổng trung tâm hành chính",
        "kiến nghị cho thanh toán phí qua ví điện tử", "bãi giữ xe ở trung tâm hành chính thu tiền sai quy định",
        "tổng đài 1022 gọi hoài máy bận", "gửi email mấy lần không ai phản hồi",
        "tôi khiếu nại vì bị thu phí cao hơn quy định", "xin phản ánh: hồ sơ nộp đủ mà vẫn bị trả",
        "sao hồ sơ {code} để lâu thế, tôi cần lời giải thích", "thái độ phục vụ kém, cần chấn chỉnh",
        "góp ý cho trung tâm: ghế chờ quá ít, người già phải đứng", "quá hạn rồi mà không ai báo gì, làm ăn kiểu gì vậy",
    ],
    "rate": [
        "5 sao", "đánh giá 5 sao", "rất hài lòng", "hài lòng", "không hài lòng", "chấm 10 điểm",
        "1 sao vì chờ quá lâu", "hài lòng, cán bộ nhiệt tình", "không hài lòng vì phải đi lại nhiều lần",
        "dịch vụ tốt, 4 sao", "đánh giá: rất hài lòng", "tôi chấm 9/10", "2 sao, hướng dẫn chưa rõ",
        "rất hài lòng, nhanh gọn", "ok tốt, hài lòng", "hài lòng ⭐⭐⭐⭐⭐", "5 sao 👍",
        "chấm 8 điểm, còn hơi chậm", "không hài lòng lắm", "tạm hài lòng", "mức độ hài lòng: hài lòng",
        "đánh giá 3/5", "1 sao", "cho 5 sao nhé", "rất tốt 10 điểm", "bình thường, 3 sao",
        "không hài lòng, cán bộ thiếu nhiệt tình", "hài lòng với cách giải quyết",
        "tôi đánh giá rất hài lòng", "chọn: không hài lòng", "điểm 10 cho cán bộ phường",
        "rất hài lòng vì được hướng dẫn tận tình", "4 sao vì phải chờ hơi lâu",
        "hai long", "rat hai long", "khong hai long", "3", "5", "1",
        "đánh giá mức độ hài lòng: rất hài lòng", "5/5", "10/10 tuyệt vời",
        "tôi không hài lòng với thời gian xử lý", "dịch vụ ổn, 4 sao",
    ],
    "human": [
        "cho tôi gặp cán bộ", "gặp người thật", "nói chuyện với tổng đài viên", "chuyển cho nhân viên",
        "số hotline là bao nhiêu", "cho xin số tổng đài", "có số điện thoại của bộ phận một cửa không",
        "gặp cán bộ", "bot không hiểu, cho gặp người", "admin ơi", "cần tư vấn viên",
        "kết nối với chuyên viên giúp tôi", "tôi muốn nói chuyện với người thật, không phải máy",
        "gọi điện lại cho tôi được không, số {phone}", "có ai là người thật không",
        "cho tôi xin số điện thoại đường dây nóng", "chuyển máy cho cán bộ", "tôi cần gặp nhân viên hỗ trợ",
        "nhờ cán bộ gọi lại cho tôi", "hotline", "số tổng đài", "cho gặp lãnh đạo phường",
        "gặp cán bộ tiếp dân", "nói chuyện với ai đó có thể giúp tôi", "cho em xin số hotline của trung tâm",
        "muốn gặp trực tiếp cán bộ phụ trách", "talk to a human", "tôi không muốn nói chuyện với bot",
        "chuyển qua người trực giúp", "ad ơi có ai trực không, em cần hỏi người thật",
        "gặp nhân viên", "số điện thoại liên hệ của ủy ban là gì", "cho xin sdt cán bộ tư pháp",
        "tổng đài hỗ trợ số mấy", "kết nối tổng đài viên",
    ],
    "subscribe": [
        "đăng ký nhận thông báo qua {chan}", "gửi kết quả hồ sơ qua {chan} cho tôi",
        "báo cho tôi qua {chan} khi hồ sơ {code} có kết quả", "nhắn sms khi có kết quả nhé",
        "bật thông báo", "đăng ký nhận tin", "thông báo qua email {email} giúp tôi",
        "DK NHAN TB", "cho tôi nhận thông báo qua {chan}", "khi có kết quả thì nhắn tin cho tôi qua số {phone}",
        "tôi muốn nhận tin nhắn cập nhật hồ sơ", "đăng ký nhận thông báo hồ sơ {code}",
        "gửi thông báo về {chan} của tôi nhé", "bật nhận tin qua {chan}", "theo dõi hồ sơ {code} và báo cho tôi",
        "có kết quả nhớ báo qua {chan}", "mình muốn được nhắn tin khi hồ sơ thay đổi trạng thái",
        "nhận thông báo", "đăng ký nhận kết quả qua {chan}", "từ nay gửi thông báo qua {chan} cho tôi",
        "cho tôi đăng ký nhận tin về hồ sơ", "subscribe thông báo", "thêm email {email} để nhận thông báo",
        "đổi sang nhận thông báo qua {chan}", "tôi đồng ý nhận thông báo qua {chan}",
    ],
    "unsubscribe": [
        "hủy nhận thông báo", "ngừng gửi tin nhắn", "đừng nhắn nữa", "tắt thông báo {chan}",
        "không muốn nhận email nữa", "STOP", "TC", "huy dk", "hủy đăng ký nhận tin",
        "bỏ theo dõi hồ sơ {code}", "không nhận thông báo qua {chan} nữa", "ngừng nhận tin",
        "tôi không muốn nhận tin nhắn từ số này", "đừng gửi {chan} cho tôi nữa", "tắt thông báo",
        "hủy đăng ký nhận thông báo qua {chan}", "stop sms", "unsubscribe", "TU CHOI",
        "đừng làm phiền tôi bằng tin nhắn nữa", "thôi không nhận thông báo nữa",
        "xóa số {phone} khỏi danh sách nhận tin", "gỡ email {email} khỏi danh sách thông báo",
        "ngưng gửi thông báo hồ sơ", "dừng nhắn tin", "tôi từ chối nhận thông báo qua {chan}",
        "huy nhan tin", "đừng gửi thông báo về hồ sơ {code} nữa", "hủy theo dõi", "OFF",
    ],
    "greeting": [
        "xin chào", "chào bạn", "hi", "hello", "alo", "alo alo", "chào buổi sáng", "chào ad",
        "em chào anh chị ạ", "xin chào cán bộ", "có ai ở đó không", "hế lô", "chào bot",
        "good morning", "mình chào bạn", "chào anh", "chào chị", "chào em", "hi ad",
        "chào buổi chiều", "alo có ai không", "dạ chào ạ", "hello bạn", "chào ủy ban",
        "xin chào trung tâm", "chào tổng đài", "ê", "ơi", "chào", "hey", "hi there",
        "chúc buổi sáng tốt lành", "kính chào", "chào bạn nhé", "alo ạ", "hello ad ơi",
    ],
    "thanks": [
        "cảm ơn", "cám ơn nhiều", "thanks", "thank you", "tks", "ok cảm ơn", "dạ em cảm ơn ạ",
        "cảm ơn đã hỗ trợ", "cảm ơn, tôi hiểu rồi", "vâng cảm ơn", "thanks ad", "tạm biệt",
        "cảm ơn nhé, chúc một ngày tốt lành", "cám ơn cán bộ", "ok", "ok rồi", "được rồi cảm ơn",
        "cảm ơn nhiều lắm", "thank", "thanks nhé", "cảm ơn bot", "bye", "bye bye", "cảm ơn ạ",
        "cám ơn đã trả lời", "tốt quá cảm ơn", "xong rồi, cảm ơn", "dạ vâng ạ", "ok thanks",
        "cảm ơn anh chị nhiều", "mình cảm ơn", "tuyệt, cảm ơn bạn", "rõ rồi, cám ơn",
        "hiểu rồi cảm ơn", "cảm ơn đã giúp đỡ", "thanks a lot", "chào nhé, cảm ơn",
    ],
    "help": [
        "bạn làm được gì", "bot này dùng thế nào", "hướng dẫn sử dụng", "menu", "có những chức năng gì",
        "tôi có thể hỏi gì", "help", "trợ giúp", "làm sao để dùng dịch vụ này",
        "làm sao để tra cứu hồ sơ trên đây", "bạn giúp được tôi những việc gì", "hướng dẫn tôi dùng app",
        "có lệnh nào không", "danh sách chức năng", "bot hỗ trợ những gì", "tôi không biết dùng cái này",
        "chỉ tôi cách sử dụng", "cú pháp tin nhắn là gì", "nhắn tin thế nào để tra cứu",
        "HELP", "?", "giúp", "hdsd", "hướng dẫn", "bạn là ai, làm được gì", "xem menu",
        "tôi nên bắt đầu từ đâu", "cách dùng zalo này để nộp hồ sơ", "các dịch vụ trên đây là gì",
        "gõ gì để được hỗ trợ", "bot có thể giúp gì cho tôi", "what can you do",
        "mình dùng chatbot này để làm gì", "có hướng dẫn sử dụng không", "quay lại menu chính",
    ],
    "out_of_scope": [
        "thời tiết hôm nay thế nào", "tối nay đá bóng mấy giờ", "kể chuyện cười đi",
        "giá vàng hôm nay bao nhiêu", "bán đất ở quận 9 không", "cho vay tiền không",
        "mua điện thoại ở đâu rẻ", "bạn có người yêu chưa", "mấy giờ rồi", "tỷ số trận Việt Nam Thái Lan",
        "giá xăng hôm nay", "viết giúp bài thơ về mẹ", "giải bài toán lớp 5", "công thức nấu phở",
        "xổ số miền bắc hôm nay", "đặt vé máy bay đi Đà Nẵng", "cần mua xe máy cũ giá rẻ",
        "tuyển nhân viên bán hàng", "tỷ giá đô la hôm nay", "bạn tên gì", "hát một bài đi",
        "nhà hàng nào ngon gần đây", "có bán sim số đẹp không", "xem bói tình duyên",
        "chuyển nhà trọn gói giá bao nhiêu", "vay tiền nhanh online", "đặt phòng khách sạn Đà Lạt",
        "cho hỏi đường đến chợ Bến Thành", "trận MU tối qua ai thắng", "làm sao để giảm cân",
        "bán căn hộ 2 phòng ngủ giá tốt", "mua bán đất nền sổ sẵn liên hệ {phone}",
        "mình buồn quá", "bạn có phải người không", "học tiếng anh ở đâu tốt", "chứng khoán hôm nay",
        "cho xin wifi", "giá lúa hôm nay", "ai là tổng thống Mỹ", "đi Vũng Tàu chơi ở đâu",
        "tìm thợ sửa máy lạnh", "mua bảo hiểm nhân thọ Prudential", "tôi muốn mua xe ô tô trả góp",
        "lịch cúp điện khu tôi", "xe buýt số 8 mấy giờ chạy", "tiền điện tháng này sao cao vậy",
        "bitcoin lên hay xuống", "hôm nay là ngày bao nhiêu âm lịch", "có việc làm thêm không",
        "shop ơi còn hàng không", "ship hàng về Cần Thơ bao lâu", "nhà mạng nào rẻ nhất",
        "con tôi bị sốt nên uống thuốc gì", "dự báo bão tuần này", "ngày mai có mưa không",
        "lol", "haha", "test", "asdfgh", "123",
    ],
    "procedure_info": [
        "giờ làm việc của bộ phận một cửa là mấy giờ", "thứ 7 có làm việc không",
        "trung tâm phục vụ hành chính công ở đâu", "nộp hồ sơ trực tuyến ở trang nào",
        "lệ phí nộp bằng chuyển khoản được không", "cần mang bản chính hay bản sao khi nộp hồ sơ",
        "nộp hồ sơ online thì có phải lên lấy kết quả không", "ủy ban phường làm việc đến mấy giờ",
        "sau khi sáp nhập tỉnh thì nộp hồ sơ ở đâu", "bỏ cấp huyện rồi thì thủ tục nộp ở xã hay tỉnh",
        "có thể nhận kết quả qua bưu điện không", "thủ tục hành chính nào làm online được",
        "nộp hồ sơ cho người khác có cần giấy ủy quyền không", "trả kết quả thủ tục có mất phí ship không",
        "hồ sơ giấy và hồ sơ điện tử có giá trị như nhau không", "cổng dịch vụ công quốc gia đăng nhập bằng gì",
        "xin giờ mở cửa chiều thứ 6", "người già không đi được thì cán bộ có xuống nhà nhận hồ sơ không",
    ],
}

# Whole sentences written out, for shapes the templates do not produce (long e-mails, mixed
# requests, regional speech). (intent, procedure or None, text)
WRITTEN = [
    ("procedure_info", "ket_hon", "Kính gửi UBND phường. Tôi tên Nguyễn Văn An, quê Nghệ An, hiện đang làm việc tại Bình Dương. Tôi và bạn gái dự định đăng ký kết hôn vào tháng tới. Xin hỏi chúng tôi cần chuẩn bị những giấy tờ gì và có thể nộp ở nơi tạm trú không? Trân trọng cảm ơn."),
    ("procedure_info", "ho_chieu", "Chào anh chị, tôi là Trần Thị Bình. Tôi muốn hỏi về thủ tục cấp hộ chiếu cho con gái 5 tuổi. Bé chưa có căn cước thì cần giấy tờ gì thay thế ạ? Có cần cả bố và mẹ đến không? Xin cảm ơn."),
    ("lookup_status", "dat_dai", "Kính gửi Văn phòng đăng ký đất đai. Gia đình tôi nộp hồ sơ sang tên quyền sử dụng đất từ ngày 12/2, phiếu hẹn ghi 30 ngày làm việc. Nay đã quá thời hạn nhưng chưa nhận được thông báo. Đề nghị cho biết hồ sơ đang ở giai đoạn nào. Trân trọng."),
    ("feedback", "dat_dai", "Kính gửi lãnh đạo. Tôi xin phản ánh việc hồ sơ cấp sổ đỏ của gia đình tôi đã trễ hẹn 2 tháng, mỗi lần tôi lên hỏi đều được trả lời là đang chờ ký. Đề nghị lãnh đạo xem xét và có văn bản trả lời. Xin cảm ơn."),
    ("supplement", "thanh_lap_doanh_nghiep", "Kính gửi phòng đăng ký kinh doanh. Công ty chúng tôi nhận được thông báo sửa đổi bổ sung hồ sơ đăng ký thành lập, yêu cầu nộp thêm bản sao giấy tờ pháp lý của thành viên góp vốn. Chúng tôi xin gửi kèm theo email này. Trân trọng."),
    ("withdraw", "giay_phep_xay_dung", "Kính gửi bộ phận một cửa. Tôi đã nộp hồ sơ xin cấp giấy phép xây dựng nhưng nay gia đình thay đổi phương án thiết kế nên xin rút hồ sơ để nộp lại sau. Mong được hướng dẫn. Trân trọng."),
    ("submit_request", "thai_san", "Chào anh chị, em là công nhân công ty may, em sinh con được 1 tháng. Công ty đã đóng cửa nên em muốn tự nộp hồ sơ hưởng chế độ thai sản trực tiếp. Em muốn nộp hồ sơ luôn qua đây được không ạ."),
    ("procedure_info", "tro_cap_that_nghiep", "Dear anh chị, em nghỉ việc từ 1/3, đã có quyết định thôi việc và sổ bảo hiểm đã chốt. Cho em hỏi hồ sơ hưởng trợ cấp thất nghiệp gồm những gì, và nộp ở trung tâm dịch vụ việc làm nào ạ. Thanks."),
    ("human", None, "Kính gửi trung tâm, tôi đã hỏi chatbot nhiều lần nhưng không được giải đáp. Đề nghị cho tôi được trao đổi trực tiếp với cán bộ phụ trách hoặc cung cấp số điện thoại liên hệ. Trân trọng."),
    ("rate", None, "Kính gửi trung tâm. Tôi đánh giá Rất hài lòng với việc giải quyết hồ sơ lần này, cán bộ hướng dẫn tận tình."),
    ("subscribe", None, "Kính gửi bộ phận một cửa. Tôi đề nghị từ nay gửi thông báo kết quả hồ sơ của tôi qua địa chỉ email này thay vì tin nhắn. Xin cảm ơn."),
    ("unsubscribe", None, "Xin chào, tôi đã nhận được kết quả rồi, đề nghị không gửi thêm email thông báo cho tôi nữa. Cảm ơn."),
    ("out_of_scope", None, "Kính gửi quý công ty, chúng tôi là đơn vị cung cấp văn phòng phẩm giá rẻ, xin gửi báo giá kèm theo. Mong được hợp tác."),
    ("feedback", None, "Tôi gọi tổng đài từ sáng đến giờ không ai nghe máy. Trang web thì báo lỗi. Vậy người dân biết hỏi ai đây?"),
    ("lookup_status", "can_cuoc", "bé nhà em làm căn cước hôm đầu tháng, giờ check trên VNeID chưa thấy, cho em hỏi xong chưa ạ"),
    ("procedure_info", "can_cuoc", "mất căn cước mà cần đi máy bay gấp thì làm sao, cấp lại có nhanh không"),
    ("submit_request", "dang_ky_xe", "mới mua con SH, giờ muốn đi bấm biển luôn trong tuần"),
    ("procedure_info", "giay_phep_lai_xe", "bằng lái A1 có thời hạn không, loại cũ có phải đổi không"),
    ("procedure_info", None, "cho hỏi làm giấy tờ ở xã thì mang theo gì cũng được hả, có cần cccd không"),
    ("lookup_status", None, "số cccd của tôi là {cccd}, kiểm tra hồ sơ giúp tôi với"),
    ("lookup_status", None, "hồ sơ tôi nộp bằng cccd {cccd} sao rồi"),
    ("feedback", None, "mang cccd lên làm thủ tục mà cán bộ bắt về photo công chứng, vô lý"),
    ("human", None, "mình có mang cccd theo rồi, cho mình gặp cán bộ trực tiếp nhé"),
    ("greeting", None, "chào buổi sáng anh chị cán bộ ạ"),
    ("thanks", "khai_sinh", "cảm ơn anh chị, bé nhà em có giấy khai sinh rồi"),
    ("thanks", "dat_dai", "cám ơn cán bộ đã hỗ trợ, gia đình nhận được sổ đỏ rồi"),
    ("rate", "ho_chieu", "làm hộ chiếu ở đây rất nhanh, tôi hài lòng"),
    ("rate", "can_cuoc", "cấp lại căn cước nhanh, 5 sao cho các anh công an"),
    ("human", "bhyt", "cho tôi gặp cán bộ bảo hiểm xã hội để hỏi về thẻ bảo hiểm y tế"),
    ("subscribe", "ho_chieu", "khi hộ chiếu của tôi có thì báo qua zalo nhé"),
    ("unsubscribe", "dang_ky_xe", "xe đã nhận biển rồi, ngừng gửi tin nhắn về hồ sơ đăng ký xe"),
    ("out_of_scope", None, "có ai bán xe máy cũ không, mình cần mua gấp"),
    ("out_of_scope", None, "cần tìm nhà cho thuê giá rẻ gần trường đại học"),
    ("out_of_scope", None, "mua bảo hiểm xe máy ở đâu rẻ"),
    ("out_of_scope", None, "làm bằng giả có không, liên hệ mình"),
    ("out_of_scope", None, "ai có nhu cầu mua đất thổ cư liên hệ em"),
    ("out_of_scope", None, "tư vấn giúp chọn laptop cho sinh viên"),
    ("out_of_scope", None, "cho hỏi quán cà phê nào view đẹp"),
    ("help", None, "tôi nhắn tin vào đây thì làm được những gì"),
    ("help", None, "bot ơi chỉ mình cách tra cứu hồ sơ trên zalo này với"),
    ("help", None, "làm sao để đăng ký nhận thông báo trên app này, hướng dẫn với"),
    ("feedback", None, "Tôi xin góp ý: chatbot trả lời chậm và hay hiểu sai, đề nghị cải thiện."),
    ("feedback", None, "nhân viên tổng đài nghe máy xong cúp ngang, thái độ không chấp nhận được"),
    ("feedback", None, "đường dây nóng để làm gì khi chẳng bao giờ có người nghe"),
    ("human", None, "đường dây nóng của trung tâm số mấy vậy"),
    ("human", None, "cho mình số điện thoại tổng đài để gọi hỏi trực tiếp"),
    ("rate", None, "hài lòng vì cán bộ giải thích dễ hiểu"),
    ("rate", None, "không hài lòng, phải chờ gần 2 tiếng"),
    ("feedback", None, "tôi phải chờ gần 2 tiếng mới được tiếp, cán bộ thì nói chuyện điện thoại riêng, đề nghị chấn chỉnh"),
    ("lookup_status", None, "đã hơn 15 ngày rồi, hồ sơ của tôi xử lý tới đâu"),
    ("feedback", None, "đã hơn 15 ngày quá hạn mà không ai liên lạc, tôi rất bức xúc"),
    ("procedure_info", None, "làm hồ sơ online xong có phải lên nộp bản giấy nữa không"),
    ("submit_request", None, "tôi muốn nộp một bộ hồ sơ"),
    ("submit_request", None, "tôi cần làm thủ tục hành chính, nộp hồ sơ ở đây được không"),
    ("submit_request", None, "nộp hồ sơ mới"),
    ("submit_request", None, "cho tôi đăng ký làm thủ tục"),
    ("procedure_info", None, "thủ tục này cần những giấy tờ gì"),
    ("procedure_info", None, "lệ phí bao nhiêu vậy"),
    ("procedure_info", None, "bao lâu thì có kết quả vậy ạ"),
    ("procedure_info", None, "có làm online được không"),
    ("withdraw", "ho_kinh_doanh", "quán không mở nữa nên em muốn rút hồ sơ đăng ký hộ kinh doanh"),
    ("withdraw", "ket_hon", "hai đứa chia tay rồi, cho em rút hồ sơ đăng ký kết hôn"),
    ("supplement", "khai_sinh", "hồ sơ khai sinh cho con em bị báo thiếu giấy chứng sinh, giờ em có rồi gửi bổ sung"),
    ("supplement", "can_cuoc", "hồ sơ cấp lại căn cước của tôi cần chụp lại ảnh, tôi lên bổ sung lúc nào"),
    ("supplement", "dat_dai", "văn phòng đất đai yêu cầu nộp thêm trích đo địa chính cho hồ sơ tách thửa"),
    ("lookup_status", "ly_lich_tu_phap", "phiếu lý lịch tư pháp nộp 10 ngày rồi, đã có chưa ạ"),
    ("lookup_status", "bhyt", "thẻ bảo hiểm y tế gia hạn từ tuần trước đã có hiệu lực chưa"),
    ("lookup_status", "tro_cap_that_nghiep", "tháng này sao chưa thấy tiền thất nghiệp về tài khoản, hồ sơ em sao rồi"),
    ("lookup_status", "thai_san", "hồ sơ thai sản nộp qua công ty 1 tháng rồi, tiền về chưa ạ"),
    ("feedback", "tro_cap_that_nghiep", "trung tâm việc làm hẹn trả tiền thất nghiệp mà 2 tháng chưa thấy, quá tệ"),
    ("procedure_info", "giam_ho", "giám hộ cho cháu thì có cần cha mẹ cháu đồng ý không"),
    ("submit_request", "giam_ho", "tôi muốn làm thủ tục để trở thành người giám hộ hợp pháp của cháu tôi"),
    ("procedure_info", "chung_thuc", "chứng thực bản sao lấy liền được không hay phải chờ"),
    ("procedure_info", "xac_nhan_hon_nhan", "tôi ly hôn rồi giờ muốn kết hôn lại ở nước ngoài thì cần giấy xác nhận gì"),
    ("submit_request", "tam_tru", "nhà em có người thân ở quê lên ở 3 tháng, em muốn khai báo tạm trú cho họ"),
    ("submit_request", "thuong_tru", "em muốn nhập khẩu cho con vào nhà ông bà nội"),
    ("submit_request", "khai_tu", "nhà em có người mất, em muốn làm giấy chứng tử"),
]

# Documents that belong to procedure P but are needed for procedure X: mentioned in passing, they
# do not set P (the README's convention). {need} templates always name X.
NEEDS = {
    "ho_chieu": ["bản sao giấy khai sinh", "cccd", "căn cước của bố mẹ", "giấy khai sinh của bé"],
    "ket_hon": ["giấy xác nhận tình trạng hôn nhân", "giấy xác nhận độc thân", "cccd",
                "hộ chiếu của chồng"],
    "khai_sinh": ["giấy đăng ký kết hôn của bố mẹ", "cccd của mẹ", "giấy kết hôn", "căn cước của bố"],
    "thai_san": ["giấy khai sinh của bé", "bản sao giấy khai sinh", "giấy chứng sinh",
                 "sổ bảo hiểm xã hội", "giấy ra viện"],
    "giay_phep_xay_dung": ["sổ đỏ", "bản sao sổ hồng", "giấy chứng nhận quyền sử dụng đất", "cccd"],
    "thuong_tru": ["sổ đỏ nhà chủ", "hợp đồng thuê nhà có công chứng", "giấy đăng ký kết hôn", "cccd",
                   "giấy khai sinh của con"],
    "tam_tru": ["cccd", "hợp đồng thuê trọ", "sổ hồng của chủ nhà", "căn cước"],
    "dang_ky_xe": ["cccd", "bằng lái", "hóa đơn mua xe", "căn cước"],
    "can_cuoc": ["giấy khai sinh", "bản sao giấy khai sinh", "chứng minh nhân dân cũ", "sổ hộ khẩu"],
    "ly_lich_tu_phap": ["cccd", "hộ chiếu", "bản sao giấy khai sinh", "căn cước"],
    "thanh_lap_doanh_nghiep": ["bản sao cccd có chứng thực", "hợp đồng thuê văn phòng", "cccd"],
    "ho_kinh_doanh": ["bản sao cccd", "hợp đồng thuê mặt bằng", "sổ đỏ", "căn cước"],
    "dat_dai": ["giấy chứng tử của bố", "giấy đăng ký kết hôn", "cccd", "giấy xác nhận tình trạng hôn nhân",
                "bản sao công chứng căn cước"],
    "giam_ho": ["giấy chứng tử của bố mẹ cháu", "giấy khai sinh của cháu", "cccd"],
    "bhyt": ["giấy khai sinh của bé", "cccd", "sổ hộ khẩu", "căn cước"],
    "chung_thuc": ["giấy khai sinh", "sổ đỏ", "bằng đại học", "cccd", "hộ chiếu",
                   "giấy đăng ký kết hôn", "sổ hồng", "bằng lái xe"],
    "xac_nhan_hon_nhan": ["bản án ly hôn", "giấy chứng tử của vợ", "cccd", "quyết định ly hôn"],
    "khai_tu": ["giấy báo tử của bệnh viện", "cccd của người mất", "căn cước của ông"],
    "tro_cap_that_nghiep": ["sổ bảo hiểm xã hội", "quyết định thôi việc", "cccd", "sổ bhxh"],
    "giay_phep_lai_xe": ["giấy khám sức khỏe", "cccd", "hộ chiếu", "căn cước"],
}
NEED_TEMPLATES = [
    ("procedure_info", "{act} có cần {need} không"), ("procedure_info", "{act} cần mang {need} bản gốc hay bản sao"),
    ("procedure_info", "không có {need} thì {act} được không"), ("procedure_info", "{act} thì {need} có phải công chứng không"),
    ("supplement", "hồ sơ {name} thiếu {need}, tôi gửi bổ sung"), ("supplement", "bổ sung {need} cho hồ sơ {name}"),
    ("supplement", "em đã tải lên {need} cho hồ sơ {name}"), ("supplement", "{need} trong hồ sơ {name} chụp chưa rõ, em gửi ảnh khác"),
    ("feedback", "{act} mà cán bộ đòi {need} bản gốc, vô lý"), ("lookup_status", "hồ sơ {name} nộp kèm {need} rồi, sao chưa xong"),
    ("submit_request", "tôi có đủ {need} rồi, giờ muốn {act}"), ("submit_request", "đã chuẩn bị {need}, em muốn {act}"),
]
# What implies a procedure without naming it (the procedure is set: a company charter means the
# company is being founded).
IMPLIES = {
    "khai_sinh": ["giấy chứng sinh", "tờ khai đăng ký khai sinh"],
    "thanh_lap_doanh_nghiep": ["điều lệ công ty", "danh sách thành viên góp vốn", "giấy đề nghị đăng ký doanh nghiệp"],
    "giay_phep_xay_dung": ["bản vẽ thiết kế", "bản vẽ mặt cắt", "bản vẽ mặt bằng móng"],
    "dat_dai": ["trích đo địa chính", "hợp đồng chuyển nhượng đất", "tờ khai lệ phí trước bạ nhà đất"],
    "tam_tru": ["hợp đồng thuê phòng trọ", "xác nhận của chủ nhà trọ"],
    "dang_ky_xe": ["tờ khai lệ phí trước bạ xe", "hóa đơn mua xe", "phiếu kiểm định xe"],
    "thai_san": ["giấy ra viện sau sinh", "giấy nghỉ dưỡng thai"],
    "tro_cap_that_nghiep": ["quyết định thôi việc", "sổ bảo hiểm đã chốt"],
    "giam_ho": ["văn bản cử người giám hộ", "giấy xác nhận sức khỏe của người được giám hộ"],
    "ket_hon": ["tờ khai đăng ký kết hôn", "giấy khám sức khỏe tâm thần của vợ"],
    "xac_nhan_hon_nhan": ["tờ khai xác nhận tình trạng hôn nhân"],
    "khai_tu": ["giấy báo tử của bệnh viện"],
    "ho_kinh_doanh": ["giấy đề nghị đăng ký hộ kinh doanh"],
    "giay_phep_lai_xe": ["giấy khám sức khỏe lái xe"],
    "ly_lich_tu_phap": ["tờ khai yêu cầu cấp phiếu lý lịch"],
    "bhyt": ["tờ khai tham gia bhyt"],
}
IMPLY_TEMPLATES = [
    ("supplement", "theo thông báo, hồ sơ {code} còn thiếu {imply}, tôi đính kèm đây"), ("supplement", "tôi nộp thêm {imply} như cán bộ yêu cầu"),
    ("supplement", "em nộp lại {imply} theo yêu cầu"), ("supplement", "bổ sung {imply} cho hồ sơ {code}"),
    ("procedure_info", "{imply} lấy mẫu ở đâu"), ("lookup_status", "đã nộp {imply} rồi, hồ sơ {code} sao rồi"),
]

# Bare verb phrases (SMS) are requests: "sang tên xe", "làm sổ đỏ".
BARE_ACT = 8
# Names that start with a verb are requests when sent bare, not questions.
VERBS = {"đăng", "làm", "xin", "cấp", "gia", "sang", "tách", "chuyển", "nhập", "khai", "thay", "chấm", "mở",
         "thành", "chứng", "hưởng", "xóa", "báo"}

# Long messages: the request sits among introductions, stories and sign-offs that say nothing
# about the label, so the model learns to ignore them.
INTROS = ["Dạ em chào anh chị ạ.", "Kính gửi bộ phận một cửa,", "Chào ad, tui ở {place}.",
          "Tôi tên {person}, hiện ở {place}.", "Tình hình là thế này:", "Xin chào quý cơ quan.",
          "Em chào cán bộ ạ.", "Thưa các anh chị, tôi đã ngoài 60, dùng điện thoại chưa quen.",
          "Kính gửi UBND {place}.", "Dear anh chị,", "Hello ad,", "Thưa cán bộ,",
          "Tôi là {person}, sinh năm 1985, thường trú tại {place}.", "Dạ con chào cô chú,",
          "Chào anh chị, em đi làm xa nên nhắn qua đây.", "Em là sinh viên năm 3.",
          "Tôi làm nghề may ở Bình Dương.", "Gia đình tôi ở {place}."]
STORIES = ["Tôi đi làm cả tuần nên không lên trực tiếp được.", "Nhà tôi ở xa trung tâm hơn 20 cây số.",
           "Hôm trước tôi có lên phường một lần rồi.", "Tôi nhờ cháu gõ hộ tin nhắn này.",
           "Em có hỏi mấy người quen mà ai cũng nói khác nhau.", "Tôi đã đọc trên mạng nhưng chưa rõ lắm.",
           "Tuần sau tôi phải đi công tác.", "Mẹ tôi lớn tuổi, đi lại khó khăn.",
           "Em đang ở trọ trên thành phố.", "Tôi làm ca đêm nên ban ngày mới rảnh.",
           "Năm ngoái tôi có làm một lần rồi.", "Mình mới chuyển về đây ở được vài tháng."]
CLOSINGS = ["Mong anh chị hướng dẫn giúp.", "Xin cảm ơn.", "Trân trọng.", "Em cảm ơn nhiều ạ.",
            "Mong sớm nhận phản hồi.", "Trân trọng cảm ơn!", "Cảm ơn ad nhiều nha.", "Thanks.",
            "Mong được giải đáp.", "Xin chân thành cảm ơn.", "Tui cảm ơn nhiều nghen.", ""]
LONG_INTENTS = {"procedure_info", "submit_request", "lookup_status", "supplement", "withdraw",
                "feedback", "human", "subscribe", "unsubscribe", "help", "rate", "out_of_scope"}


def long_form(rng, text):
    parts = [rng.choice(INTROS)]
    if rng.random() < 0.6:
        parts.append(rng.choice(STORIES))
    parts.append(text[0].upper() + text[1:] + ("." if text[-1] not in ".?!" else ""))
    if rng.random() < 0.3:
        parts.append(rng.choice(STORIES))
    parts.append(rng.choice(CLOSINGS))
    return " ".join(p for p in parts if p)


# Second round, written after measuring: more of the kinds of messages the first round missed
# (requests told as stories, complaints phrased as questions, chit-chat, spelling), in new words.
MORE_PROC_TEMPLATES = {
    "procedure_info": [
        "tôi muốn {act} thì cần chuẩn bị giấy tờ gì", "em muốn {act} thì phải làm sao ạ",
        "nếu muốn {act} thì nộp ở đâu", "tôi định {act}, cần những gì", "{act} thì lên đâu làm",
        "{act} ở chỗ nào nhanh", "{act} có cần hẹn trước không", "{act} mấy ngày có", "{act} mất mấy ngày vậy mọi người",
        "{act} có được làm ở tỉnh khác không", "đang ở nước ngoài thì {act} thế nào",
        "cho mình hỏi {name} có làm thứ 7 không", "{name} cần những gì", "{name} lệ phí sao",
        "phí {name} bao nhiêu vậy ad", "{name} làm ở đâu", "{name} online được ko", "hỏi về {name}",
        "trường hợp của tôi có {act} được không", "{act} cần bao nhiêu ảnh", "{act} có cần người làm chứng không",
        "muốn {act} mà không có thời gian lên thì ủy quyền được không", "mức thu {name} hiện nay là bao nhiêu",
        "{act} thì tốn khoảng bao nhiêu", "{name} nộp tiền mặt hay chuyển khoản", "{act} có miễn phí cho người nghèo không",
        "làm {name} cần chờ bao nhiêu ngày làm việc", "{act} ở trung tâm hành chính công tỉnh được không",
    ],
    "submit_request": [
        "tôi cần {act} cho bà nội", "em tính {act} luôn trong tháng này, nộp qua đây nha",
        "mình muốn apply {name}", "cho mình submit hồ sơ {name}", "nộp hồ sơ {name} giùm tui",
        "tui muốn {act} nghen", "cho tui {act} với", "em cần {act}, làm online qua đây luôn được không ạ",
        "muốn {act}, điền form ở đâu", "tôi là chủ nhà, cần {act}", "giờ tôi nộp hồ sơ {name} luôn",
        "đăng ký giúp tôi {name}", "làm giúp em thủ tục {name}", "em muốn làm {name} ạ", "V/v {act}",
        "kính đề nghị cơ quan giải quyết việc {act} cho tôi", "tôi đại diện gia đình {act}, nhờ tiếp nhận hồ sơ",
        "cho tôi hẹn giờ lên {act}", "{act} trực tuyến qua kênh này giúp em nhé", "mình muốn làm request {name}",
        "please help me {act}", "tôi sẵn sàng {act}, gửi biểu mẫu cho tôi", "nay tôi làm đơn xin {act}",
        "hồ sơ {name} tôi chuẩn bị xong, cho tôi nộp", "{act} cho vợ con", "tôi có nhu cầu {act} trong tuần này",
    ],
    "feedback": [
        "đề nghị mở thêm giờ tiếp nhận {name} buổi tối", "kiến nghị công khai rõ lệ phí {name}",
        "kiến nghị chấp nhận giấy tờ điện tử trên VNeID khi {act}", "app lỗi không nộp được hồ sơ {name}",
        "tôi không đồng ý việc bị từ chối {name}, đề nghị xem xét lại", "giải quyết {name} chậm 2 tháng, đề nghị xem xét trách nhiệm",
        "kiến nghị bố trí thêm quầy {name}", "hệ thống báo lỗi khi tôi nộp hồ sơ {name}, mất cả buổi",
        "giấy hẹn {name} ghi 10 ngày mà giờ đã 5 tuần, không chấp nhận được", "làm {name} mà bị đòi phong bì",
        "{act} online mà vẫn phải lên nộp bản giấy, vậy online làm gì", "cán bộ {name} trả lời nhát gừng",
        "tải file lên cổng dịch vụ công bị treo khi nộp {name}", "phản ánh thái độ cán bộ khi tôi {act}",
        "đề nghị rút ngắn thời gian giải quyết {name}", "hồ sơ {name} trễ hẹn, yêu cầu trả lời bằng văn bản",
        "cơ quan xử lý {name} quá chậm so với quy định, yêu cầu trả lời", "giải quyết {name} kéo dài, gia đình tôi rất khó khăn",
        "tôi phản ánh trường hợp {act} bị hẹn lại nhiều lần", "đã {act} từ lâu mà chưa xong, tôi muốn phản ánh",
        "mỗi lần lên lại bị yêu cầu thêm một loại giấy khi {act}", "thu phí {name} cao hơn quy định, tôi phản ánh",
        "thủ tục {name} quá rườm rà, đề nghị đơn giản hóa", "nộp phí {name} online bị trừ tiền mà vẫn báo chưa thanh toán",
        "phòng tiếp nhận {name} để người dân đứng chờ ngoài nắng", "góp ý: mẫu đơn {name} khó hiểu, nên sửa lại",
    ],
    "lookup_status": [
        "hồ sơ {name} đang ở khâu nào vậy", "{name} nộp bữa giờ mà chưa thấy gọi, coi giùm tui",
        "hồ sơ {name} nộp rồi mà trạng thái vẫn là chờ tiếp nhận là sao", "{name} của tôi tới đâu rồi, mã {code}",
        "bao giờ lấy được {name} vậy, nộp {time}", "hồ sơ {name} tới chừ chưa thấy chi, mã {code}",
        "check giúp em hồ sơ {name} với", "tiến độ {name} của tôi", "{name} nộp {time} có kết quả chưa",
        "{name} nộp ở phường hôm thứ ba, đến nay đã nhận được chưa", "{name} đăng ký qua ứng dụng mấy hôm trước, đã duyệt chưa",
        "khi nào tôi được cầm {name} trên tay", "sao chưa có {name}, nộp lâu rồi", "xin update tình trạng application {name}",
        "tracking hồ sơ {name} giúp mình", "{name} của nhà tôi đã ký duyệt chưa", "hồ sơ {name} có bị vướng gì không mà lâu vậy",
    ],
    "supplement": [
        "tờ khai {name} tôi ghi nhầm năm sinh, cho tôi sửa", "hồ sơ {name} bị trả về do thiếu giấy, chừ tui gửi lại",
        "sửa họ tên bị sai trong hồ sơ {name} đã nộp", "hồ sơ {name} cần bổ sung gì thêm không ạ, em gửi luôn",
        "bổ sung hồ sơ {name} theo thông báo", "hồ sơ {name} ghi sai thông tin, em muốn sửa lại",
        "em đã bổ sung xong giấy tờ cho hồ sơ {name}, nhờ chị kiểm tra", "bổ sung giấy tờ hồ sơ {name} theo tin nhắn yêu cầu",
        "hồ sơ {name} khai sai, xin sửa lại cho đúng", "đổi email liên hệ trong hồ sơ {name} giúp em, em gõ nhầm",
        "nộp thêm giấy cho hồ sơ {name} theo yêu cầu", "hồ sơ {name} cần bổ sung gì vậy ạ",
        "thay đổi nơi nhận kết quả trong hồ sơ {name}", "điều chỉnh số nhà trong tờ khai {name}",
    ],
    "withdraw": [
        "hủy hồ sơ {name} vì tôi đã làm trực tiếp rồi", "bên mình không {act} nữa, hủy hồ sơ nhé",
        "hs {name} của mình hủy được không", "rút hồ sơ {name} giùm tui nghen",
        "hồ sơ {name} em khai thiếu trang, xin hủy để nộp bộ khác", "gia đình thay đổi kế hoạch nên xin rút hồ sơ {name}",
        "tôi không còn nhu cầu {act}, đề nghị dừng hồ sơ", "lỡ bấm nộp hồ sơ {name} hai lần, xóa một cái giúp",
    ],
    "rate": [
        "tặng 5 sao cho dịch vụ {name}", "cho 9 điểm, {act} nhanh hơn tôi nghĩ", "{name} làm nhanh, hài lòng lắm",
        "đánh giá 2 sao, {act} phải đi lại nhiều", "rất hài lòng với {name}", "{act} nhanh gọn, 5 sao",
        "{act} xong trong ngày, 5 sao", "đánh giá hồ sơ {name}: hài lòng", "{name}: rất hài lòng",
        "hài lòng với hồ sơ {name}, 5 sao", "không hài lòng với cách giải quyết {name}, 2 sao",
    ],
    "human": [
        "mình cần người tư vấn vụ {name}", "cho gặp người thật để hỏi về {name}",
        "đề nghị cán bộ gọi lại cho tôi về hồ sơ {name}", "bot trả lời chung chung về {name}, cho gặp cán bộ",
        "bot không trả lời đúng vấn đề {name} của tôi, xin gặp cán bộ", "nhờ cán bộ phụ trách {name} liên lạc lại qua điện thoại",
        "cần chuyên viên giải thích trường hợp {name} phức tạp của tôi", "xin số điện thoại người thụ lý hồ sơ {name}",
    ],
    "subscribe": [
        "có kết quả {name} thì nhắn zalo cho tui nghen", "báo kết quả {name} qua tin nhắn giùm tôi",
        "đăng ký nhận sms khi {name} có kết quả", "nhận thông báo kết quả hồ sơ {name} qua email thay vì lên hỏi",
        "có tin gì về {name} thì gọi báo qua zalo nhé",
    ],
    "unsubscribe": [
        "đã nhận {name} rồi, đừng gửi tin nhắn nữa", "ngừng nhắn tin về hồ sơ {name}, tôi rút rồi",
        "đã nhận kết quả {name}, đề nghị dừng gửi tin nhắn", "xong {name} rồi, tắt thông báo giúp tôi",
    ],
}
for _k, _v in MORE_PROC_TEMPLATES.items():
    PROC_TEMPLATES.setdefault(_k, []).extend(_v)

MORE_PLAIN = {
    "out_of_scope": [
        "nhận quà tri ân khách hàng ở đâu", "mua vé xe khách giường nằm đi Huế", "app vay tiêu dùng nào uy tín",
        "bạn có muốn làm bạn với mình không", "xem tướng số giúp tôi", "cá betta nhà tôi bị nấm đuôi chữa sao",
        "tối nay nấu món gì cho cả nhà", "thời tiết Hà Nội cuối tuần thế nào", "quán nào bán bún bò ngon",
        "đăng ký gói cước 4G như thế nào", "đăng ký học tiếng Nhật ở đâu", "mua vé số ở đâu", "giá heo hơi hôm nay",
        "cho hỏi cách nấu canh chua", "tặng quà gì cho bạn gái", "game nào hay nhất hiện nay",
        "mua đất ở Long An giá bao nhiêu một mét", "tìm phòng trọ giá rẻ ở quận 7",
        "đăng ký thi IELTS ở đâu", "chợ đêm mở mấy giờ", "cách làm trà sữa tại nhà", "xin link phim mới",
        "mua vé máy bay giá rẻ đi Phú Quốc", "có bán bảo hiểm xe máy không", "tư vấn mua nhà trả góp",
        "nhận làm giấy tờ nhanh không cần đi lại, liên hệ {phone}", "khuyến mãi nạp thẻ hôm nay",
        "đổi tiền đô ở đâu tỷ giá cao", "ngân hàng nào lãi suất cao nhất",
        "giải giúp câu đố này", "hôm nay ngày tốt xấu thế nào", "mua sữa cho bé loại nào tốt",
        "bệnh viện nào khám nhi tốt", "cách chữa đau lưng", "em bị thất tình", "tôi chán quá", "kể chuyện đi bot",
        "xem giúp lịch thi đấu V-League", "tuyển dụng công nhân may lương cao", "mua thẻ cào điện thoại",
        "đặt bàn nhà hàng tối nay", "giá xe SH mới bao nhiêu", "hướng dẫn chơi cờ tướng",
        "quảng cáo: thanh lý đồ gia dụng giá rẻ", "cho thuê xe tự lái giá tốt", "shop có ship COD không",
        "viết giúp tôi bài văn tả mẹ", "dịch giúp câu này sang tiếng Anh", "tóm tắt giúp tôi truyện Kiều",
        "nên chọn laptop Dell hay Asus", "cách muối dưa cải", "đọc một bài thơ đi", "bot có biết nấu ăn không",
        "một cộng một bằng mấy", "thủ đô của Pháp là gì", "how are you", "what's the weather like",
        "tell me a joke", "good night", "ngủ ngon nhé", "bạn bao nhiêu tuổi", "nhà bạn ở đâu", "bạn thích màu gì",
        "dự đoán tỷ số trận tối nay", "lịch chiếu phim rạp CGV", "sửa điện thoại bị vỡ màn hình ở đâu",
        "lắp mạng internet nhà mạng nào tốt", "nước nhà tôi bị cúp, gọi ai", "taxi số mấy", "đặt grab giúp tôi",
        "mua thuốc cảm ở đâu", "khám răng ở đâu tốt", "cách trị mụn", "thực đơn giảm cân",
        "con học lớp 3 nên học thêm gì", "trường mầm non nào tốt ở quận 3", "giá điện thoại mới nhất",
        "đầu tư đất nền có nên không", "vàng SJC hôm nay mua vào bán ra", "chứng khoán mã VNM",
        "Chào shop, mình muốn đặt 3 cái áo size M, ship về Đà Nẵng được không",
        "ai rành sửa xe máy chỉ mình với, xe đề không nổ", "cho hỏi tiệm vàng nào mua được giá tốt",
        "quán nhậu nào ngon ở Biên Hòa", "nhiệt độ hôm nay bao nhiêu độ", "cuối tuần này có bão không",
        "Đà Lạt tháng này lạnh không", "giải đặc biệt xổ số miền Nam hôm nay", "trận chung kết ai vô địch",
        "giá bitcoin hôm nay thế nào", "gà nhà tôi bị dịch, chích thuốc gì", "giới thiệu sách hay cho thiếu nhi",
        "cần mua máy lọc nước loại nào", "hướng dẫn chơi liên quân", "tìm người đi phượt Hà Giang",
        "mua cây cảnh ở đâu đẹp", "xin bài hát ru con", "thuê áo cưới ở đâu rẻ", "học nấu ăn ở đâu",
        "bán iPad cũ giá tốt đây", "Kính gửi quý khách, chương trình ưu đãi tháng này giảm 50% mọi sản phẩm",
        "tuyển cộng tác viên bán hàng online thu nhập cao, nhắn {phone}",
    ],
    "help": [
        "bot hỗ trợ được việc gì vậy", "mình có thể làm gì trên kênh này",
        "tính năng của chatbot là gì", "hướng dẫn cách nhắn tin với bot", "cho xem các lựa chọn",
        "trên zalo này làm được những gì", "kênh này dùng để làm gì vậy ad", "bot biết làm những gì",
        "có thể tra cứu, nộp hồ sơ qua đây không", "tôi muốn biết các chức năng", "bấm vào đâu để bắt đầu",
        "bot này có nộp được hồ sơ không", "làm sao để sử dụng", "hướng dẫn dùng dịch vụ công trên zalo",
        "dùng cái này thế nào", "lần đầu dùng kênh này, không biết bắt đầu từ đâu", "có những dịch vụ nào trên đây",
        "chức năng của trang này là gì", "hướng dẫn tôi cách dùng", "bà mới tập dùng điện thoại, trang này làm được gì",
        "ứng dụng này dùng để làm gì vậy", "tôi mới cài app, chỉ tôi cách dùng", "trên đây tôi làm được những thủ tục gì",
        "hdsd bot thế nào", "hướng dẫn sd kênh này", "chỉ cách xài bot với", "cách sử dụng chatbot",
        "hướng dẫn dùng zalo oa này", "nhắn gì để xem danh mục", "gõ số mấy để tra cứu",
    ],
    "human": [
        "kết nối mình với nhân viên CSKH", "đây là tổng đài tự động à, muốn gặp nhân viên", "cho em chat với nhân viên",
        "có người thật không, tôi cần hỏi gấp", "mình muốn nói chuyện với người, không phải bot", "cho gặp người trực tổng đài",
        "chuyển sang nhân viên hỗ trợ", "nhờ cán bộ phụ trách liên hệ lại với tôi", "can I talk to a real person",
        "transfer me to an agent", "gặp người trực tiếp được không", "số điện thoại của bộ phận một cửa là bao nhiêu",
        "cho tôi xin số hotline hỗ trợ", "tôi muốn trao đổi qua điện thoại, nhờ cán bộ gọi cho tôi",
        "bot dở quá, cho nói chuyện với nhân viên", "thôi không chat với máy nữa, tìm giúp tôi một cán bộ",
        "chat với người thật", "cho gặp agent", "cho tôi nói chuyện với cán bộ, chuyện gấp", "nhân viên đâu rồi",
        "có cán bộ trực tuyến không", "tôi cần gặp người phụ trách", "làm ơn chuyển cho người thật",
        "cho xin số zalo của cán bộ", "số điện thoại trung tâm hành chính công", "cần nói chuyện với tư vấn viên",
        "speak to staff", "tổng đài viên ơi", "xin số máy bàn của phòng tư pháp", "liên hệ cán bộ bằng cách nào",
    ],
    "greeting": [
        "hello bot", "xin chào hệ thống một cửa điện tử", "chào trung tâm hành chính công", "alo ad ơi", "chào buổi trưa",
        "em chào mọi người", "chào cán bộ ạ", "xin chào bộ phận một cửa", "hi bạn", "dạ em chào anh", "chào cô",
        "chào chú", "chào bạn, có đó không", "xin chào, ai trực vậy", "chào buổi tối ad", "hí lô", "hi ad ơi",
        "kính chào các anh chị cán bộ", "xin kính chào", "xin kính chào ủy ban", "kính chào anh chị", "dạ con chào cô chú",
        "chào buổi sáng cả nhà", "chào chị, dạo này chị khỏe không", "xin chào, chúc một ngày tốt lành",
        "chào anh chị, chúc anh chị buổi sáng vui vẻ", "hi, chào buổi sáng", "chào ad, mình mới vào",
    ],
    "thanks": [
        "tks ad nhìu", "thanks nha, bye", "cảm ơn, chúc ad buổi tối vui vẻ", "okie thanks",
        "dạ em cám ơn ad nhiều nha", "ok cảm ơn bạn, tôi sẽ chuẩn bị", "vậy là rõ rồi, cảm ơn nhiều", "thank ad",
        "cảm ơn đã giải đáp thắc mắc", "ok tui hiểu rồi, cám ơn nghen", "cảm ơn, tạm biệt", "thanks bạn nhiều",
        "cảm ơn chatbot", "vâng em cảm ơn ạ", "cảm ơn mọi người",
    ],
    "rate": [
        "cũng tạm, 3 sao", "cho 2 sao vì phải chờ lâu", "đánh giá hài lòng nhé", "tui chấm 9 điểm",
        "không hài lòng, hướng dẫn khó hiểu", "5 sao cho cán bộ tiếp nhận", "hài lòng 100%", "rất không hài lòng",
        "tạm được, 3 sao", "ổn, 4 sao", "dịch vụ quá tệ, 1 sao", "chấm 7/10", "rate 5 sao",
        "rất hài lòng với thái độ phục vụ", "tôi chọn hài lòng", "đánh giá hồ sơ {code}: hài lòng",
        "hồ sơ {code} rất hài lòng", "đánh giá {code} 5 sao", "đánh giá: không hài lòng", "hài lòng nha ad",
        "trung bình thôi, 3 điểm", "chấm 6 điểm, cần cải thiện", "mình cho 4 sao, trừ 1 vì hơi chậm",
    ],
    "feedback": [
        "ứng dụng bị treo ở màn hình đăng nhập, không gửi được hồ sơ", "hệ thống báo error khi submit, fix giúp với",
        "website cứ quay vòng vòng không tải được", "đề nghị làm việc cả ngày thứ 7",
        "tôi muốn phản ánh việc cán bộ bắt photo công chứng đủ thứ giấy tờ",
        "kiến nghị đơn giản hóa thủ tục, giấy tờ quá nhiều", "bot trả lời sai hoài, đề nghị cải thiện",
        "nhân viên hẹn gọi lại mà không gọi", "tôi bị hướng dẫn sai nên phải nộp lại 2 lần",
        "tin nhắn báo kết quả mà lên thì chưa có, mất công", "cán bộ làm việc riêng trong giờ hành chính",
        "đề nghị bố trí người hướng dẫn người già", "khiếu nại việc thu thêm tiền dịch vụ không có hóa đơn",
        "cán bộ tiếp dân quát tháo người già", "tôi bị đối xử không công bằng khi nộp hồ sơ",
        "người quen thì được ưu tiên, dân thường phải chờ", "cán bộ trả lời điện thoại xong bỏ đó không làm",
        "đã 3 lần gửi kiến nghị mà không có trả lời", "hướng dẫn trên web với ở quầy khác nhau, rất bực",
        "phản ánh: máy lấy số thứ tự bị hỏng cả tuần", "tôi không hài lòng và muốn khiếu nại chính thức",
        "nộp phí online bị trừ tiền mà hồ sơ vẫn báo chưa thanh toán, tôi phản ánh",
        "đề nghị xem xét trách nhiệm cán bộ giải quyết chậm", "tôi có ý kiến về cách làm việc ở bộ phận một cửa",
        "hẹn hoài không có kết quả, cách làm việc quá kém", "đã quá hẹn hơn 3 tuần mà không ai thông báo lý do",
        "phải chờ từ 7h đến 11h mới được tiếp, đề nghị cải tiến", "chụp ảnh giấy tờ gửi lên toàn báo lỗi định dạng",
    ],
    "lookup_status": [
        "hồ sơ tôi nộp bữa giờ chưa thấy gọi, coi giùm", "hồ sơ của tui tới chừ răng chưa thấy chi",
        "trạng thái hồ sơ vẫn là chờ tiếp nhận là sao", "hồ sơ em đang ở khâu nào", "ktra hs giúp e",
        "hồ sơ {code} đã chuyển cho lãnh đạo ký chưa", "khi nào tôi lấy được kết quả, mã {code}",
        "xem hồ sơ giúp tôi, tôi nộp bằng số điện thoại {phone}", "hồ sơ {code} có bị trả về không",
        "bây giờ đã xong chưa ạ", "nộp online mà chưa nhận được mã hồ sơ, muốn biết tình trạng",
        "có kết quả chưa ạ", "xong chưa ad", "check status hồ sơ giúp mình", "my application status please",
        "hồ sơ hôm bữa em nộp sao rồi ad", "tôi nộp qua bưu điện, hồ sơ tới nơi chưa", "hồ sơ đã qua bước thẩm định chưa",
    ],
    "subscribe": [
        "DK SMS {code}", "có kết quả thì nhắn zalo cho tui nghen", "khi hồ sơ xong thì nhắn cho tôi một tin",
        "DK ZALO {code}", "báo cho tôi biết khi hồ sơ {code} xong", "đăng ký theo dõi hồ sơ {code} qua sms",
        "nhận thông báo qua số {phone}", "tôi không biết dùng thư điện tử, có kết quả thì gửi tin zalo giúp tôi",
        "tôi lớn tuổi không đọc được email, có gì nhắn tin điện thoại cho tôi",
        "có kết quả thì báo cho tôi qua tin nhắn, khỏi phải lên hỏi hoài", "đăng kí nhận thông báo qua email",
        "đăng ký sms", "bật nhận thông báo zalo", "muốn nhận thông báo qua ứng dụng", "đăng ký nhận tin qua zalo OA",
    ],
    "unsubscribe": [
        "thông báo đẩy trên app nhiều quá, tắt bớt giúp", "hồ sơ đã xong rồi, đừng gửi tin nhắn về mã {code} nữa",
        "từ chối nhận tin nhắn khảo sát", "đề nghị dừng gửi tin nhắn cho tôi", "đừng spam tin nhắn nữa",
        "không muốn nhận thông báo qua zalo nữa, phiền lắm", "ngừng gửi email khảo sát", "hủy nhận tin nhắn từ tổng đài",
        "tin nhắn nhiều quá, tắt giúp", "thông báo zalo liên tục phiền quá, ngừng giúp tôi", "bỏ nhận tin qua email",
        "stop tin nhắn", "đừng gửi khảo sát nữa", "hủy đăng ký nhận thông báo", "bỏ nhận thông báo",
        "huỷ đăng kí nhận tin nhắn", "hủy đăng ký sms", "không đăng ký nhận tin nữa", "gỡ đăng ký thông báo zalo",
        "mỗi ngày mấy tin nhắn làm phiền, cho tôi ngừng nhận",
    ],
    "withdraw": [
        "hủy hồ sơ vì tôi đã đi làm trực tiếp ở xã rồi", "mình không làm nữa, hủy hồ sơ giùm", "rút hồ sơ về giúp tui nghen",
        "xin rút lại hồ sơ để nộp bộ mới", "hủy giúp em cái hồ sơ nộp nhầm", "tôi muốn rút hồ sơ {code}",
        "rút hồ sơ {code} giúp tôi", "xin hủy hồ sơ {code}", "nộp sai nên muốn rút về làm lại",
        "hồ sơ {code} nộp thiếu trang, xin rút để làm lại",
    ],
    "supplement": [
        "tôi khai sai địa chỉ trong tờ khai, xin điều chỉnh", "hồ sơ bị trả về do thiếu giấy, giờ gửi lại",
        "gửi lại ảnh chụp rõ hơn cho hồ sơ {code}", "hồ sơ {code} cần bổ sung gì vậy", "cần bổ sung những gì cho hồ sơ {code}",
        "em nộp thêm giấy tờ được không ạ", "bị yêu cầu bổ sung, gửi qua đâu", "bsung hồ sơ {code}",
        "em gửi bs ảnh cccd nha", "bổ sung giấy tờ còn thiếu", "hồ sơ ghi sai thông tin, em muốn sửa lại",
        "em muốn sửa lại nội dung đã khai trong hồ sơ", "đính chính tên đệm trong hồ sơ {code}",
    ],
    "submit_request": [
        "tôi muốn nộp hồ sơ mới qua zalo", "tạo hồ sơ mới giúp tôi", "cho em đăng ký làm thủ tục với ạ",
        "muốn nộp hồ sơ trực tuyến", "bắt đầu nộp hồ sơ",
    ],
    "procedure_info": [
        "thủ tục này làm ở xã được không", "nộp hồ sơ ở tỉnh hay ở xã", "cần mang theo những gì khi lên nộp hồ sơ",
    ],
}
for _k, _v in MORE_PLAIN.items():
    PLAIN_TEMPLATES.setdefault(_k, []).extend(_v)


# Doing P for the sake of another procedure: the procedure is P, the purpose is in passing.
PURPOSES = {
    "xac_nhan_hon_nhan": ["để đăng ký kết hôn", "để đi kết hôn ở nước ngoài", "để bán đất", "để mua nhà",
                          "để làm sổ đỏ", "để vay ngân hàng"],
    "ly_lich_tu_phap": ["để xin visa", "để làm hồ sơ xin việc", "để đi xuất khẩu lao động", "để làm hộ chiếu đi Úc",
                        "để nhập quốc tịch", "để thành lập công ty"],
    "chung_thuc": ["để nộp hồ sơ làm hộ chiếu", "để đăng ký kết hôn", "để xin việc", "để làm hồ sơ đất",
                   "để nộp hồ sơ thai sản", "để thi bằng lái"],
    "khai_sinh": ["để làm căn cước cho con", "để làm hộ chiếu cho bé", "để nhập học cho con", "để làm thẻ bhyt cho bé"],
    "can_cuoc": ["để làm hộ chiếu", "để đi máy bay", "để sang tên xe", "để đăng ký kết hôn"],
    "thuong_tru": ["để con đi học gần nhà", "để làm căn cước", "để mua bhyt hộ gia đình"],
    "tam_tru": ["để con đi học", "để xin việc ở khu công nghiệp", "để làm hộ chiếu ở đây"],
    "ho_chieu": ["để đi du lịch", "để đi du học", "để đi xuất khẩu lao động"],
    "dat_dai": ["để vay ngân hàng", "để xin giấy phép xây dựng", "để bán đất"],
    "khai_tu": ["để làm thủ tục thừa kế", "để cắt bảo hiểm", "để sang tên đất"],
}
PURPOSE_TEMPLATES = [
    ("submit_request", "tôi muốn {act} {purpose}"), ("procedure_info", "{act} {purpose} thì cần gì"),
    ("submit_request", "em cần {act} {purpose} ạ"), ("procedure_info", "{act} {purpose} mất bao lâu"),
    ("lookup_status", "hồ sơ {name} {purpose} nộp {time} rồi, xong chưa"),
]

PROCS["dat_dai"]["name"] += ["sổ hồng chung cư", "sổ hồng căn hộ", "sổ hồng nhà đất"]
PROCS["dat_dai"]["act"] += ["làm sổ hồng", "xin cấp sổ hồng", "sang tên sổ hồng"]
PROCS["can_cuoc"]["name"] += ["thẻ căn cước công dân", "cc gắn chip"]
PROCS["can_cuoc"]["act"] += ["đổi thẻ căn cước khi đổi họ tên", "cấp lại thẻ căn cước công dân"]
PROCS["giay_phep_lai_xe"]["act"] += ["cấp đổi giấy phép lái xe ô tô", "đổi giấy phép lái xe hạng A1"]
PROCS["khai_sinh"]["ctx"] += [("supplement", "đính kèm giấy chứng sinh của cháu để hoàn thiện hồ sơ {code}"),
                             ("supplement", "bổ sung giấy chứng sinh của bé cho hồ sơ {code}")]
PROCS["thai_san"]["ctx"] += [("supplement", "hồ sơ hưởng thai sản cần thêm giấy ra viện, em gửi kèm")]
PROCS["xac_nhan_hon_nhan"]["ctx"] += [("submit_request", "cần giấy chứng nhận còn độc thân để làm thủ tục cưới chồng Nhật, tôi muốn nộp hồ sơ"),
                                      ("procedure_info", "để đăng ký kết hôn ở nước ngoài cần xin giấy xác nhận tình trạng hôn nhân ở đâu")]
PROCS["tro_cap_that_nghiep"]["ctx"] += [("submit_request", "hợp đồng lao động của tôi hết hạn không được ký tiếp, tôi muốn nộp hồ sơ thất nghiệp")]
PROCS["can_cuoc"]["ctx"] += [
    ("lookup_status", "thẻ căn cước của tôi đến đâu rồi"), ("feedback", "đã quá hẹn hơn 3 tuần vẫn chưa nhận được thẻ căn cước, tổ chức kém"),
    ("lookup_status", "căn cước của tôi làm xong chưa"), ("withdraw", "hủy hồ sơ làm cccd, tôi làm trực tiếp rồi"),
    ("supplement", "bổ sung ảnh cho hồ sơ cấp đổi căn cước"), ("lookup_status", "cccd gắn chip làm tháng trước giờ có chưa"),
]
PROCS["ho_chieu"]["ctx"] += [
    ("lookup_status", "passport làm hôm đầu tháng đã in xong chưa"), ("supplement", "đổi địa chỉ nhận hộ chiếu qua bưu điện trong hồ sơ"),
    ("feedback", "cổng dịch vụ công lỗi khi tải ảnh chân dung làm hộ chiếu"),
]


# Third round: broader coverage of the confusable pairs (chit-chat aimed at the bot vs help,
# everyday questions vs procedure questions, complaints that mention the hotline vs asking for
# it, status questions that sound like procedure questions).
MORE_PLAIN_B = {
    "out_of_scope": [
        "bot ơi kể chuyện cười nghe coi", "bạn có biết nấu phở không", "bot có người yêu chưa", "bot mấy tuổi rồi",
        "bot có biết đá bóng không", "bạn làm thơ được không", "bot ơi hát bài Happy Birthday", "bạn thích ăn gì",
        "bot có biết tiếng Nhật không", "bạn là trai hay gái", "bot ngủ chưa", "bạn có buồn không",
        "bot giải giúp bài toán này với", "bạn đoán xem tôi bao nhiêu tuổi", "bot có biết xem bói không",
        "bạn có chơi game không", "bot có biết chuyện ma không", "bạn có thể làm người yêu tôi không",
        "bot ơi dịch bài hát này ra tiếng Việt", "bạn có biết ai đẹp nhất Việt Nam không", "bot có facebook không",
        "bạn thông minh không", "bot biết vẽ tranh không", "bạn có biết lái máy bay không", "viết giúp mình cái status thả thính",
        "áo khoác nam mua ở đâu đẹp", "giá cà chua hôm nay bao nhiêu", "sửa tủ lạnh ở đâu uy tín", "mua gạo ngon ở đâu",
        "cắt tóc ở đâu đẹp gần đây", "đi Nha Trang tự túc thế nào", "cách trồng rau sạch trên sân thượng",
        "làm sao để ngủ ngon", "uống cà phê có tốt không", "bao nhiêu calo trong một bát cơm", "có nên mua nhà lúc này không",
        "xe điện có tốt không", "thuê xe máy ở Đà Nẵng bao nhiêu", "gửi hàng ra Hà Nội mất mấy ngày", "đổi ngoại tệ ở đâu",
        "học lập trình ở đâu tốt", "đặt bánh sinh nhật ở đâu", "vé xem ca nhạc bán ở đâu", "khách sạn nào gần biển",
        "mua đồ chơi cho bé ở đâu", "sơn nhà loại nào bền", "máy lạnh hãng nào tiết kiệm điện", "mấy giờ xe buýt chạy chuyến cuối",
        "giá vàng tuần sau tăng không", "cách làm bánh chưng", "tiệm sửa giày ở đâu", "nên học ngành gì dễ xin việc",
        "lãi suất gửi tiết kiệm bây giờ bao nhiêu", "đăng ký thẻ tín dụng ngân hàng nào tốt", "mở tài khoản ngân hàng online",
        "đăng ký tài khoản facebook", "quên mật khẩu gmail làm sao", "cài lại win giá bao nhiêu", "mua sim 4G ở đâu",
        "đăng ký khóa học yoga", "cần mua chó con", "nhà hàng chay ngon", "tiệm bánh mì nào ngon nhất", "vé tham quan Bà Nà bao nhiêu",
    ],
    "help": [
        "bot có tra cứu được hồ sơ không", "ở đây có hỗ trợ nộp hồ sơ không", "kênh này có nhận hồ sơ không",
        "tôi có thể tra cứu tình trạng hồ sơ ở đây không", "bot giúp được những thủ tục nào", "bot có trả lời về lệ phí không",
        "có hướng dẫn từng bước không", "tôi muốn xem danh sách dịch vụ", "mở menu giúp tôi", "các mục trên menu là gì",
        "chat với bot thì gõ thế nào", "bot hiểu tiếng Việt không dấu không", "gửi ảnh cho bot được không",
        "làm sao để quay lại từ đầu", "bắt đầu lại", "tôi gõ sai rồi, làm lại từ đầu thế nào",
    ],
    "human": [
        "có ai online không", "cho tôi gặp tổng đài viên", "có nhân viên trực không ạ", "mình cần nói chuyện với cán bộ",
        "cho mình số hotline", "đường dây nóng là số nào", "số tổng đài chăm sóc là gì", "tôi muốn gặp nhân viên thật",
        "xin gặp cán bộ phụ trách", "liên hệ trực tiếp với cán bộ", "cần gặp người hỗ trợ", "nói chuyện với nhân viên được không",
        "chuyển máy giúp tôi", "gọi lại cho tôi theo số này {phone}", "tôi muốn được tư vấn trực tiếp", "cho gặp cán bộ trực",
        "let me talk to someone", "I need a human", "cho gặp admin", "nhờ chuyển cho bộ phận chăm sóc",
    ],
    "feedback": [
        "gọi tổng đài cả ngày không được, người dân biết hỏi ai", "tổng đài viên trả lời qua loa rồi tắt máy",
        "số hotline trên giấy hẹn gọi không ai bắt", "đường dây nóng toàn báo bận, đề nghị tăng người trực",
        "cán bộ hẹn gọi lại nhưng biệt tăm", "gọi điện hỏi thì cán bộ bảo tự lên mà xem", "nhân viên trực tổng đài thiếu kiến thức",
        "cán bộ tiếp nhận không đeo thẻ, không xưng tên", "cán bộ đùn đẩy trách nhiệm qua lại", "hỏi ba cán bộ ba câu trả lời khác nhau",
        "tôi bị cán bộ mắng vì hỏi nhiều", "cán bộ ngồi bấm điện thoại để dân chờ", "xếp hàng cả buổi, đến lượt thì hết giờ",
        "kiến nghị mở thêm kênh hỗ trợ buổi tối", "đề nghị niêm yết danh sách giấy tờ ngay cổng", "nhà vệ sinh ở trung tâm quá bẩn",
        "bot hay trả lời sai, rất bực", "trang web tra cứu không hoạt động mấy ngày nay", "tin nhắn thông báo gửi trễ 3 ngày",
        "thư xin lỗi hẹn lại ngày trả nhưng lại trễ tiếp",
    ],
    "lookup_status": [
        "hồ sơ tôi nộp rồi bao giờ có", "đã nộp hồ sơ mấy ngày rồi mà chưa có gì", "hồ sơ của tôi được duyệt chưa",
        "tôi nộp từ đầu tháng, giờ được chưa", "hồ sơ nộp hôm thứ hai đã xử lý đến đâu", "nộp rồi bao lâu nữa thì xong",
        "hồ sơ tôi đang chờ ai ký", "kết quả hồ sơ tôi có chưa vậy", "đã đóng phí rồi, hồ sơ khi nào xong",
        "giấy hẹn ghi hôm nay, có kết quả chưa", "tôi nộp trực tuyến, theo dõi hồ sơ ở đâu",
    ],
    "unsubscribe": [
        "không cần thông báo nữa", "thôi đừng báo qua zalo", "tôi không dùng số này nữa, ngừng gửi", "xóa tôi khỏi danh sách nhận tin",
        "ngưng thông báo email", "tắt hết thông báo", "bỏ theo dõi hồ sơ", "hủy đăng ký nhận thông báo qua app",
    ],
    "subscribe": [
        "gửi thông báo cho tôi qua app", "muốn được báo khi có kết quả", "nhận thông báo qua zalo nhé", "thêm số {phone} nhận thông báo",
        "báo tin cho tôi qua email {email}", "đăng ký nhận tin nhắn báo kết quả",
    ],
}
for _k, _v in MORE_PLAIN_B.items():
    PLAIN_TEMPLATES.setdefault(_k, []).extend(_v)

MORE_PROC_B = {
    "submit_request": ["làm giúp tôi {name} được không", "tiếp nhận hồ sơ {name} cho tôi nhé", "tôi gửi hồ sơ {name} qua đây",
                       "cho tôi đăng ký {name} ngay hôm nay", "hãy tạo hồ sơ {name} cho tôi", "{act} cho tôi với ạ",
                       "nhờ cán bộ {act} giúp tôi", "tôi xin được {act}"],
    "lookup_status": ["hồ sơ {name} tôi nộp rồi bao giờ có", "{name} nộp mấy ngày rồi mà chưa có gì", "{name} của tôi được duyệt chưa",
                      "đã nộp {name} từ đầu tháng, giờ được chưa", "hồ sơ {name} đang chờ ai ký", "kết quả {name} của tôi có chưa vậy",
                      "đã đóng phí {name} rồi, khi nào xong"],
    "feedback": ["gọi tổng đài hỏi về {name} cả ngày không được", "cán bộ đùn đẩy khi tôi hỏi về {name}",
                 "hỏi ba cán bộ về {name} ba câu trả lời khác nhau", "làm {name} xếp hàng cả buổi, đến lượt thì hết giờ"],
    "human": ["cho tôi gặp cán bộ phụ trách {name}", "muốn nói chuyện trực tiếp với người làm hồ sơ {name}",
              "số điện thoại bộ phận {name} là gì"],
}
for _k, _v in MORE_PROC_B.items():
    PROC_TEMPLATES.setdefault(_k, []).extend(_v)

MORE_PLAIN_C = {
    "out_of_scope": [
        "ad ơi tối nay coi phim gì hay", "ad thích mèo hay chó", "ad ăn sáng chưa", "ad ơi cho xin link nhạc remix",
        "ad đẹp trai ghê", "ad làm việc có mệt không", "ad ơi mai đi chơi đâu vui", "ad biết tiệm net nào gần đây không",
        "tỉ số trận hôm qua nhiêu vậy ad", "ad có chơi tiktok không", "xin mã khuyến mãi grab đi ad", "có freeship không ad",
        "kết quả thi tốt nghiệp THPT xem ở đâu", "điểm thi đại học năm nay bao giờ có", "trường dạy lái xe nào uy tín",
        "thi bằng lái ở trung tâm nào dễ đậu", "ad ơi em buồn quá", "ad kể chuyện vui đi", "ad có biết ai bán đồ cũ không",
        "cho em xin zalo của ad nha", "ad cho mình làm quen nhé", "ad có gia đình chưa", "ad ở đâu vậy",
        "nay trời nóng quá ad ha", "mưa to quá đường ngập hết rồi", "thời tiết Huế mai thế nào ad", "nay có mưa không mn",
        "giá xăng tuần này tăng hay giảm", "ai đá trận tối nay vậy", "chung kết AFF ai thắng", "xem lịch âm hôm nay giúp",
        "tuổi Tý năm nay hợp màu gì", "con giáp nào may mắn tháng này", "xin bài cúng rằm", "mua vé tàu Tết ở đâu",
        "đặt vé xe về quê ăn Tết", "có ai bán vé máy bay Tết không", "voucher giảm giá Lazada ở đâu", "mã giảm giá Tiki còn không",
        "ad ơi cho em mượn tiền", "có app nào vay nhanh không ad", "chơi hụi có hợp pháp không", "giá vàng mai có tăng không ad",
    ],
    "human": [
        "bot ngu quá, cho gặp người", "hỏi mãi bot không hiểu, nhờ nhân viên hỗ trợ", "máy trả lời vô nghĩa, tôi cần người thật",
        "thôi khỏi bot, cho tôi nói chuyện với ai đó", "robot không giúp được, chuyển người giúp tôi",
        "có ai là người không hay toàn máy", "tôi cần một người thật trả lời", "ai đó trực tiếp hướng dẫn giùm",
        "hỏi chatbot không ra, nhờ cán bộ gọi điện", "bot vòng vo quá, cho gặp cán bộ",
    ],
    "greeting": [
        "chào em, cho chị hỏi xíu", "alo, hỏi chút được không", "chào bạn, mình hỏi tí nha", "chào ad, em hỏi chút ạ",
        "xin chào, cho tôi hỏi một chút", "dạ chào anh, em hỏi tí", "chào anh, anh khỏe không", "chào chị, chị có khỏe không",
        "chào em, em khỏe không", "chào cả nhà, mọi người khỏe không",
    ],
    "unsubscribe": [
        "đừng gửi tin nhắn mời đánh giá nữa", "không muốn nhận khảo sát mức độ hài lòng", "tắt tin nhắn chấm điểm dịch vụ",
        "ngừng gửi phiếu đánh giá qua sms", "tôi không nhận tin nhắn khảo sát nữa",
    ],
    "lookup_status": [
        "tra cứu hồ sơ đứng tên {person}", "tra hồ sơ của {person}", "tìm hồ sơ tên {person} nộp {time}",
        "tra cứu hồ sơ theo tên chủ hộ {person}",
    ],
}
for _k, _v in MORE_PLAIN_C.items():
    PLAIN_TEMPLATES.setdefault(_k, []).extend(_v)

MORE_PROC_C = {
    "procedure_info": ["{name} bnhieu tiền", "phí {act} bn", "lệ phí {name} bn z", "{act} tốn bao nhiêu tiền vậy ạ",
                       "{act} bao nhiu tiền", "{name} hết nhiêu tiền"],
    "human": ["em cần hỏi trực tiếp cán bộ về {name}", "cần người trực tiếp tư vấn {name}", "có ai trực không, tôi hỏi về {name}"],
    "rate": ["{act} nhanh quá, cho 10 điểm", "điểm 10 cho cán bộ làm {name}", "{name} làm lẹ, hài lòng",
             "đánh giá không hài lòng hồ sơ {name}", "cho 5 sao vì {act} nhanh", "tôi đánh giá rất hài lòng với {name}"],
    "lookup_status": ["tra cứu hồ sơ {name} đứng tên {person}", "tra hồ sơ {name} của {person}", "hs {name} nộp tuần rồi xong chưa"],
    "feedback": ["đề nghị cho {act} vào cuối tuần vì ngày thường đi làm", "kiến nghị {act} không cần hẹn trước"],
}
for _k, _v in MORE_PROC_C.items():
    PROC_TEMPLATES.setdefault(_k, []).extend(_v)

# A situation told first, then either a request or a question: the ending decides the intent.
SITUATIONS = {
    "khai_sinh": ["vợ tôi vừa sinh bé trai ở bệnh viện huyện", "bé nhà em được 3 tuần tuổi", "con gái tôi sinh tháng trước ở nhà hộ sinh"],
    "khai_tu": ["ông nội tôi vừa mất hôm kia tại nhà", "mẹ tôi qua đời ở bệnh viện tuần trước", "bác tôi mất đã lâu mà chưa ai báo với xã"],
    "ket_hon": ["tôi và vợ sắp cưới đã làm lễ dạm ngõ", "hai đứa em quen nhau 3 năm, tháng sau làm đám cưới", "chồng sắp cưới của em là người Đài Loan"],
    "xac_nhan_hon_nhan": ["tôi đang làm thủ tục vay mua nhà ở ngân hàng", "tôi định kết hôn với người Nhật", "công chứng viên yêu cầu chứng minh tôi chưa có vợ"],
    "thuong_tru": ["tôi vừa mua căn hộ chung cư ở phường mới", "vợ tôi quê ở tỉnh khác, cưới xong về ở với tôi", "gia đình tôi chuyển về nhà mới xây"],
    "tam_tru": ["tôi mới thuê trọ gần khu công nghiệp", "em lên thành phố học đại học, ở nhà người quen", "nhà tôi có hai người cháu lên ở nhờ mấy tháng"],
    "can_cuoc": ["thẻ căn cước của tôi bị mất lúc đi chợ", "con tôi vừa tròn 14 tuổi", "thẻ của tôi bị gãy đôi, chip không đọc được", "tôi vừa đổi tên theo quyết định của tòa"],
    "ho_chieu": ["tháng sau công ty cử tôi đi công tác Nhật", "cả nhà định đi du lịch Hàn Quốc dịp hè", "sổ xuất cảnh cũ của tôi hết hạn năm ngoái"],
    "ly_lich_tu_phap": ["công ty nước ngoài yêu cầu tôi chứng minh không có án tích", "tôi đang làm hồ sơ đi lao động ở Đài Loan", "tôi xin học bổng du học Úc, trường đòi giấy tư pháp"],
    "giay_phep_lai_xe": ["bằng lái ô tô của tôi hết hạn tháng này", "tôi làm rơi ví mất luôn bằng lái xe máy", "tôi sắp sang Hàn, muốn lái xe bên đó"],
    "dang_ky_xe": ["tôi vừa mua một chiếc xe máy cũ của người hàng xóm", "công ty tôi mới mua xe tải", "tôi vừa nhận xe ô tô mới ở đại lý"],
    "ho_kinh_doanh": ["tôi định mở tiệm bánh nhỏ ở nhà", "vợ tôi bán hàng ăn sáng ở đầu hẻm", "em mở shop quần áo ở chợ"],
    "thanh_lap_doanh_nghiep": ["ba người bạn chúng tôi muốn góp vốn kinh doanh phần mềm", "cửa hàng của tôi làm ăn lớn nên muốn lên công ty", "tôi muốn mở công ty xuất nhập khẩu"],
    "giay_phep_xay_dung": ["nhà tôi xuống cấp, định đập ra xây lại 3 tầng", "tôi mới mua lô đất ở thị trấn, định xây nhà", "gia đình muốn cơi nới thêm một tầng"],
    "dat_dai": ["bố mẹ tôi muốn chia đất cho ba anh em", "tôi vừa mua mảnh đất thổ cư 100m2", "mảnh vườn nhà tôi chưa có giấy chứng nhận", "giấy đất của gia đình bị mối ăn mất một góc"],
    "chung_thuc": ["tôi cần nộp bản sao bằng tốt nghiệp cho công ty mới", "em chuẩn bị hồ sơ du học cần nhiều bản sao", "tôi phải ký giấy ủy quyền bán xe cho em trai"],
    "tro_cap_that_nghiep": ["công ty tôi cắt giảm nhân sự, tôi bị cho nghỉ", "tôi vừa nghỉ việc sau 5 năm đóng bảo hiểm", "hợp đồng của tôi hết hạn không được gia hạn"],
    "bhyt": ["thẻ bảo hiểm y tế của bố mẹ tôi sắp hết hạn", "tôi làm tự do, không có bảo hiểm ở công ty", "con tôi mới sinh chưa có thẻ khám bệnh"],
    "thai_san": ["vợ tôi vừa sinh con thứ hai", "em nghỉ sinh được 2 tháng rồi", "tôi đóng bảo hiểm đủ 1 năm trước khi sinh"],
    "giam_ho": ["anh chị tôi mất trong tai nạn, để lại cháu 8 tuổi", "mẹ tôi bị lẫn nặng không tự lo được", "em trai tôi bị bệnh tâm thần nặng"],
}
SITUATION_ENDS = [
    ("submit_request", "nên tôi muốn {act} luôn"), ("submit_request", "nay tôi muốn nộp hồ sơ {name} qua đây"),
    ("submit_request", "nhờ anh chị tiếp nhận hồ sơ {name} giúp"), ("submit_request", "em muốn đăng ký {name} luôn ạ"),
    ("submit_request", "cho tôi nộp hồ sơ {name}"), ("submit_request", "tôi cần {act} sớm"),
    ("procedure_info", "thì cần giấy tờ gì"), ("procedure_info", "vậy {act} ở đâu"), ("procedure_info", "{act} mất bao lâu"),
    ("procedure_info", "có phải về quê làm không"), ("procedure_info", "lệ phí bao nhiêu"), ("procedure_info", "có làm online được không"),
    ("lookup_status", "tôi đã nộp hồ sơ {name} {time}, giờ sao rồi"),
]
# Bare requests grow details: "tách thửa đất cho con", "em cần làm passport trong tuần này".
BARE_DETAILS = ["", "", " online", " trực tuyến luôn", " cho cả nhà", " 2 bộ", " cho con", " gấp", " cho vợ", " cho bố mẹ", " trong tuần này", " để đi làm", " giúp em",
                " nha", " cho cháu 15 tuổi", " cho chồng", " luôn"]
BARE_PREFIXES = ["", "", "", "cần ", "muốn ", "xin ", "em cần ", "tôi xin "]

MORE_PLAIN_D = {
    "unsubscribe": [
        "Tôi đã nhận đủ kết quả, đề nghị quý cơ quan không nhắn tin vào số này nữa",
        "hồ sơ xong lâu rồi mà vẫn nhận tin nhắn nhắc, cho tôi ngừng nhận", "số này là của công ty, đừng gửi thông báo cá nhân vào",
        "tôi đổi sang dùng app rồi, ngừng gửi sms giúp", "không cần nhắn qua zalo nữa, tôi tự tra cứu được",
        "email thông báo đến nhiều quá, tôi muốn hủy", "xin thôi nhận thông báo từ tổng đài 1022",
    ],
    "subscribe": [
        "Tôi không hay lên mạng, có kết quả xin nhắn vào số điện thoại này", "từ giờ báo tôi qua zalo thay cho sms",
        "tôi muốn mọi thông báo hồ sơ gửi về email công ty", "con tôi ở xa, gửi thông báo cho cả số của cháu {phone}",
        "có gì mới về hồ sơ thì gửi tin cho tôi qua ứng dụng nhé",
    ],
}
for _k, _v in MORE_PLAIN_D.items():
    PLAIN_TEMPLATES.setdefault(_k, []).extend(_v)

MORE_PLAIN_E = {
    "human": ["tổng đài số bao nhiêu", "hotline của phường là số mấy", "số đường dây nóng bao nhiêu vậy", "cho tôi số điện thoại để gọi",
              "gọi số nào để gặp cán bộ", "số liên hệ của trung tâm là gì", "sđt hỗ trợ là số nào ạ", "xin số tổng đài hỗ trợ dịch vụ công",
              "có ai đang trực không", "nhân viên có online không", "ai đang trực kênh này vậy", "có cán bộ nào đang online không"],
    "unsubscribe": ["thôi đăng ký nhận thông báo", "bỏ đăng ký sms", "bỏ đăng ký nhận email", "hủy đăng ký nhận tin qua zalo",
                    "tôi muốn bỏ đăng ký nhận tin", "không muốn đăng ký nhận tin nữa", "rút đăng ký nhận thông báo",
                    "bỏ nhận tin qua ứng dụng", "hủy dịch vụ nhắn tin thông báo"],
    "feedback": ["gọi đường dây nóng không ai nghe, lập ra để làm gì", "số tổng đài ghi trên giấy hẹn gọi mãi không được",
                 "hotline toàn báo thuê bao, dân biết liên hệ ai", "gọi 1022 mấy lần đều không ai bắt máy",
                 "đề nghị làm rõ trách nhiệm người làm mất giấy tờ của tôi", "kiến nghị nên có chỗ ngồi chờ cho người già",
                 "đề nghị bố trí chỗ gửi xe miễn phí cho người dân", "bị gây khó dễ khi nộp hồ sơ, tôi muốn tố cáo"],
    "out_of_scope": ["cho mình xin cách làm kem", "cho mình xin công thức nấu lẩu", "cho xin bí quyết giảm cân", "xin công thức pha cà phê muối",
                     "cho xin link tải game", "vay tiền online không cần giấy tờ", "vay nóng trong ngày", "cho vay trả góp không thế chấp",
                     "cho mình xin số thợ điện", "cho tôi xin danh sách quán ăn ngon"],
}
for _k, _v in MORE_PLAIN_E.items():
    PLAIN_TEMPLATES.setdefault(_k, []).extend(_v)
MORE_PROC_E = {
    "lookup_status": ["{name} nhà tôi đã ký chưa", "{name} cấp lại đã có chưa", "{name} của con tôi đã có chưa vậy",
                      "{name} nộp mấy hôm rồi, đã cập nhật chưa"],
    "feedback": ["làm {name} mà bị hạch sách, tôi muốn tố cáo", "{name} chờ cả tháng, gọi điện thì bảo chờ tiếp"],
}
for _k, _v in MORE_PROC_E.items():
    PROC_TEMPLATES.setdefault(_k, []).extend(_v)

MORE_PLAIN_F = {
    "out_of_scope": [
        "Anh ơi, bé mèo tam thể nhà em mấy nay cứ kêu suốt đêm, hàng xóm phàn nàn, có cách nào cho nó ngủ không",
        "Chị ơi, con em học lớp 5 mà lười học quá, chị có kinh nghiệm dạy con không",
        "Nhà mình định nuôi gà thả vườn, giống gà nào dễ nuôi vậy mọi người",
        "Ba tôi bị cao huyết áp, nên ăn uống kiêng những gì",
        "Tôi với vợ cãi nhau suốt, có cách nào hàn gắn không bot",
        "Mình đang tính mua căn hộ trả góp ở Thủ Đức, khu nào giá mềm",
        "Cuối tuần này công ty đi team building, gợi ý trò chơi vui với",
        "bán cho tôi một thùng nước suối", "cho tôi mua 2 vé xem phim tối nay", "đặt giùm 1 phần cơm gà",
        "lấy cho tôi vé xe đi Cần Thơ sáng mai", "mua cho mình cái sạc điện thoại", "bán giúp mình xe đạp cũ",
        "làm sao để giàu nhanh", "làm sao để có bạn gái", "làm sao để được tăng lương", "làm sao để hết mất ngủ",
        "làm thế nào để học giỏi tiếng Anh", "làm sao để tán đổ crush", "bí quyết để được sếp quý",
        "em gái xinh quá, cho xin facebook", "bạn ơi đi cà phê không", "mình kết bạn nhé", "cho anh làm quen với em",
        "trận derby Manchester hôm qua tỉ số sao", "đội tuyển Việt Nam đá với Indonesia thế nào rồi",
        "giá lúa năm nay sao rồi", "thị trường chứng khoán hôm nay thế nào rồi", "nắng nóng ở miền Trung mấy hôm nay thế nào",
        "xem giúp tuổi Mão năm nay có hạn không", "tôi sinh năm 1990 hợp hướng nhà nào", "mệnh Kim hợp màu gì",
        "coi ngày cưới giúp tôi", "giải mộng thấy rắn là điềm gì",
    ],
    "human": [
        "chuyển tôi qua tổng đài viên đi, máy không giúp được gì", "trả lời tự động mệt quá, có ai trực thì vào giúp",
        "bot không xử lý được việc của tôi, cần người thật hỗ trợ", "chatbot bó tay rồi, gọi người giúp tôi",
        "I want a real agent please", "pls connect me with staff",
    ],
    "help": [
        "tôi già rồi không biết xài cái app này, nó làm được những gì", "mới có người cài giúp ứng dụng này, dùng sao",
        "hướng dẫn sử dụng chatbot với", "chatbot này dùng ra sao", "cách dùng bot như thế nào",
    ],
}
for _k, _v in MORE_PLAIN_F.items():
    PLAIN_TEMPLATES.setdefault(_k, []).extend(_v)

MORE_PLAIN_G = {
    "out_of_scope": [
        "xin chào, mình bên công ty bảo hiểm, muốn giới thiệu gói sản phẩm mới", "bên em nhận thiết kế website giá rẻ",
        "trung tâm anh ngữ khai giảng lớp mới, ưu đãi 30%", "thông báo: bạn đã trúng thưởng xe máy, bấm link để nhận",
        "nhận thiết kế logo, in ấn tờ rơi", "chúng tôi cần tìm đối tác phân phối sản phẩm", "dịch vụ chuyển nhà giá rẻ, liên hệ {phone}",
        "cần tuyển 10 nhân viên kho, lương 9 triệu", "ad cho hỏi tiệm thuốc tây nào mở khuya", "mai mấy giờ mặt trời mọc",
        "bot biết chơi cờ caro không", "tính giúp 15% của 2 triệu", "đổi 100 đô ra tiền Việt được bao nhiêu",
        "em nên đi làm hay học tiếp", "tư vấn tình cảm giúp em với", "người yêu em giận, em phải làm sao",
        "bot có biết trận tối nay mấy giờ đá không", "phim Tết năm nay có gì hay", "kể về lịch sử Việt Nam cho tôi nghe",
        "hôm nay là thứ mấy", "mấy giờ rồi bot", "đi Sa Pa tháng mấy đẹp", "món gì ngon ở Hội An",
    ],
    "human": [
        "xin gặp chuyên viên phụ trách", "cho gặp người hướng dẫn trực tiếp", "tôi cần nói chuyện với cán bộ thụ lý",
        "cần cán bộ giải đáp trực tiếp", "muốn được gọi điện tư vấn", "cho xin gặp bộ phận chăm sóc khách hàng",
        "có thể nói chuyện với tổng đài viên không", "gọi giúp tôi cán bộ trực ban", "cho tôi số điện thoại liên hệ",
        "tôi cần hỗ trợ từ nhân viên, không phải tự động", "làm ơn cho tôi gặp người",
    ],
    "withdraw": [
        "tôi không muốn tiếp tục hồ sơ này nữa", "xin dừng giải quyết hồ sơ của tôi", "hủy yêu cầu giúp tôi, tôi đổi ý",
        "thôi không làm nữa, rút giúp", "hồ sơ nộp nhầm nơi, cho tôi rút để nộp chỗ khác", "xin thu hồi hồ sơ đã nộp",
        "rút đơn giúp tôi vì đã giải quyết xong ở chỗ khác", "cho tôi xóa hồ sơ vừa tạo", "hủy bỏ hồ sơ số {code}",
        "Kính gửi bộ phận một cửa, vì lý do gia đình, tôi xin rút hồ sơ đã nộp ngày hôm trước",
    ],
    "help": [
        "làm sao để tra cứu trên này", "nhắn tin cho bot theo cú pháp nào", "hướng dẫn cách nộp hồ sơ trên app",
        "tôi không biết thao tác trên ứng dụng", "ứng dụng có những mục gì", "xem hướng dẫn", "menu đâu",
        "bot có thể làm gì cho tôi", "mình muốn biết cách sử dụng dịch vụ này",
    ],
}
for _k, _v in MORE_PLAIN_G.items():
    PLAIN_TEMPLATES.setdefault(_k, []).extend(_v)

MORE_PLAIN_H = {
    "out_of_scope": [
        "kết quả xét nghiệm máu của tôi thế nào", "kết quả thi học kỳ của con xem ở đâu", "kết quả bầu chọn giọng hát hay sao rồi",
        "kết quả vòng loại World Cup thế nào", "bão số 3 giờ sao rồi", "tình hình giá xăng sao rồi", "chứng khoán hôm nay sao rồi ad",
        "cho xin số điện thoại quán pizza", "cho xin số tiệm sửa khóa gần đây", "xin số shipper quen", "cho xin số bác sĩ thú y",
        "gợi ý quà sinh nhật cho mẹ", "gợi ý chỗ đi chơi cuối tuần", "ad gợi ý món nhậu đi", "gợi ý tên hay cho shop quần áo",
        "bán cho tôi cái nồi cơm điện", "cho tôi đặt một bó hoa", "tôi cần mua vé xem bóng đá", "mua hộ mình thẻ nạp game",
        "làm sao để nấu cơm ngon", "làm sao để da trắng", "làm sao để con ăn ngoan", "làm thế nào để hết ho",
        "Dạo này tôi hay bị đau đầu, uống thuốc gì cho đỡ vậy mọi người",
        "Con trai tôi học lớp 9, sắp thi vào 10, nên cho cháu học thêm ở đâu",
        "Mình mới chuyển đến Đà Nẵng, chỗ nào có chợ hải sản tươi vậy",
        "Nhà em mất điện từ sáng, gọi điện lực mãi không được",
    ],
    "human": [
        "nối giúp tôi với nhân viên, bot không hiểu ý tôi", "cho tôi gặp người xử lý, trả lời tự động không đúng",
        "kết nối với cán bộ hỗ trợ giùm, hỏi máy không ra", "live chat với nhân viên được không",
        "Tôi hỏi mấy lần rồi mà câu trả lời tự động không đúng trường hợp của tôi. Xin cho gặp cán bộ trực tiếp.",
        "Tôi là người khiếm thị, nhắn tin khó khăn, mong cán bộ gọi điện hướng dẫn giúp",
    ],
    "withdraw": [
        "Thư xin rút hồ sơ. Kính gửi quý cơ quan, do thay đổi kế hoạch, tôi xin được rút lại hồ sơ đã nộp và nhận lại giấy tờ gốc.",
        "Tôi là người nộp hồ sơ tuần trước, nay không còn nhu cầu, đề nghị cho rút hồ sơ.",
        "Vì gia đình chuyển đi nơi khác, tôi xin dừng hồ sơ đang giải quyết",
    ],
    "help": [
        "chào bot, mình không rành công nghệ, bot làm được gì cho mình", "ông bà già không biết dùng, chỉ cách dùng với",
        "ứng dụng này xài thế nào vậy", "hướng dẫn sử dụng cho người mới", "bot giúp được gì vậy ạ",
    ],
    "greeting": [
        "xin chào, tôi hỏi chút", "chào cán bộ, cho tôi hỏi", "chào anh chị, em muốn hỏi chút ạ", "alo, có ai không, hỏi chút",
        "chào ad, hỏi tí nha", "chào bạn nha, mình hỏi xíu",
    ],
    "subscribe": [
        "đăng ký giúp tôi nhận thông báo qua địa chỉ email trong tài khoản", "cập nhật kênh nhận thông báo là email giúp tôi",
        "tôi muốn được nhận thông báo về email đã đăng ký", "gửi thông báo tới email tôi đã khai khi nộp hồ sơ",
    ],
}
for _k, _v in MORE_PLAIN_H.items():
    PLAIN_TEMPLATES.setdefault(_k, []).extend(_v)
MORE_PROC_H = {
    "rate": ["điểm 10 nha, {act} xong lẹ ghê", "{act} nhanh gọn lẹ, chấm 9 điểm", "chấm điểm: 10, {act} rất nhanh",
             "10 điểm cho bộ phận {name}", "{act} ở phường nhanh thật, hài lòng"],
    "human": ["Tôi đã hỏi bot về {name} nhưng câu trả lời không đúng trường hợp của tôi, xin gặp cán bộ",
              "nhờ nhân viên gọi điện tư vấn về {name} giúp"],
}
for _k, _v in MORE_PROC_H.items():
    PROC_TEMPLATES.setdefault(_k, []).extend(_v)

MORE_PLAIN_I = {
    # "sao" is both "how" and "stars": chit-chat that ends in the question word.
    "out_of_scope": ["thời tiết Đà Nẵng mai sao", "giá vàng tuần này sao", "tình hình bão ngoài biển sao rồi",
                     "mai Hà Nội nắng hay mưa sao", "trận tối nay đội nhà đá sao", "giá lợn hơi hôm nay sao",
                     "đường về quê Tết này kẹt xe sao", "xem tuổi Ngọ năm nay sao", "năm nay làm ăn sao ad"],
}
for _k, _v in MORE_PLAIN_I.items():
    PLAIN_TEMPLATES.setdefault(_k, []).extend(_v)
MORE_PROC_I = {
    "procedure_info": ["{name} có nộp qua ứng dụng VNeID được không", "{name} trên app được không ad", "{name} nộp qua mạng đc ko",
                       "{name} ở đâu làm v", "{name} làm ở đâu z ad"],
}
for _k, _v in MORE_PROC_I.items():
    PROC_TEMPLATES.setdefault(_k, []).extend(_v)

MORE_PLAIN_J = {
    "thanks": ["cảm ơn, hẹn gặp lại", "thanks, see you", "bye bye nha, cảm ơn", "cám ơn, chào tạm biệt", "cảm ơn bạn, chúc sức khỏe",
               "thank you ad", "cảm ơn rất nhiều, chúc anh chị làm việc vui", "ok thank you", "dạ cảm ơn, em chào"],
    "help": ["kênh zalo này có tra cứu hồ sơ được không", "chatbot có nhận nộp hồ sơ không", "bot trả lời được những câu hỏi nào",
             "trang này có hỗ trợ thanh toán không hay chỉ để hỏi", "ứng dụng này có những tính năng nào", "tôi dùng bot này để làm gì được",
             "bot có hiểu tin nhắn thoại không", "gõ lệnh gì để xem danh sách thủ tục", "làm sao quay về menu",
             "Tôi mới cài ứng dụng, chưa biết bắt đầu, bot chỉ giúp các bước với", "mấy cái nút trên màn hình dùng để làm gì"],
    "human": ["bot trả lời lạc đề, tôi cần gặp cán bộ ngay", "nhắn với máy không ăn thua, cho tôi nói chuyện với người",
              "bot hiểu sai hoài, làm ơn chuyển nhân viên", "tôi đã thử bot rồi, giờ cần cán bộ hỗ trợ", "máy không hiểu, cần người thật",
              "bot không trả lời được, nhờ tổng đài viên hỗ trợ tôi"],
    "supplement": ["hồ sơ bị yêu cầu bổ sung thì nộp bổ sung ở đâu", "sửa thông tin hồ sơ đã nộp bằng cách nào",
                   "cán bộ nhắn thiếu giấy, tôi gửi lại qua đây được không", "bổ sung giấy tờ cho hồ sơ {code} qua zalo được không",
                   "hồ sơ {code} cần nộp thêm gì, tôi gửi luôn", "nhận thông báo bổ sung hồ sơ, tôi phải làm gì tiếp",
                   "tôi muốn thay ảnh trong hồ sơ đã gửi", "khai nhầm số điện thoại, sửa lại trong hồ sơ giúp tôi"],
    "unsubscribe": ["thôi khỏi gửi thông báo nữa nha", "không nhận tin nữa, cảm ơn", "tôi không cần thông báo qua app nữa",
                    "ngừng gửi tin vào số {phone}", "đừng gửi email vào {email} nữa", "hủy thông báo zalo giúp tôi, cảm ơn",
                    "tắt tin nhắn nhắc lịch hẹn"],
}
for _k, _v in MORE_PLAIN_J.items():
    PLAIN_TEMPLATES.setdefault(_k, []).extend(_v)
MORE_PROC_J = {
    "submit_request": ["em xin {act} ạ", "giúp em {act} với ạ", "cần {act} cho bố tôi", "nhờ làm giúp {name} cho gia đình tôi",
                       "tôi muốn được {act} theo hình thức trực tuyến", "{act} cho 2 đứa con"],
    "supplement": ["hồ sơ {name} bị yêu cầu bổ sung thì nộp ở đâu", "sửa thông tin hồ sơ {name} đã nộp bằng cách nào",
                   "hồ sơ {name} cần nộp thêm gì, tôi gửi luôn"],
}
for _k, _v in MORE_PROC_J.items():
    PROC_TEMPLATES.setdefault(_k, []).extend(_v)

# Fourth round, written after measuring by *kind* (length, channel, diacritics, confused pairs),
# not by text: messages over 30 words were right only 4 times in 5, because `long_form` wraps a
# one-line ask in one-line intros, while citizens tell several sentences of circumstance
# (documents, offices, dates, apps) before the ask and often add a side question after it that
# does not change it ("do I have to sign anything?", "what about the fee?"). The circumstance
# pools are shared by several intents, so only the ask decides; side questions are the intent's.
STORY_WHO = ["Chào anh chị, tôi là {person}, nhà ở {place}.", "Dạ em chào anh chị ạ, em tên {person}.",
             "Kính gửi bộ phận tiếp nhận hồ sơ.", "Xin chào, tui là {person} ở {place}.", "Em chào ad.",
             "Thưa cán bộ, tôi năm nay ngoài 60 tuổi.", "Chào ad, em là công nhân may ở khu công nghiệp.",
             "Kính gửi UBND {place}, tôi là {person}.", "Hello anh chị, mình là {person}.", "Dạ con chào cô chú.",
             "Tôi xin trình bày như sau.", "Gửi anh chị cán bộ một cửa,"]
STORY_LIFE = [
    "Tôi đi làm ca nên ban ngày không lên phường được.", "Nhà tôi cách trung tâm huyện gần 30 cây số.",
    "Vợ tôi đang bầu tháng thứ 8 nên tôi ít đi xa.", "Em quê ở Thanh Hóa nhưng đang ở trọ làm việc trong Đồng Nai.",
    "Tôi hỏi mấy người quen thì mỗi người nói một kiểu.", "Tôi có đọc trên cổng dịch vụ công mà không hiểu hết.",
    "Thằng con bảo có thể làm bằng ứng dụng trên điện thoại.", "Năm ngoái tôi có lên xã hỏi một lần rồi.",
    "Cha mẹ tôi đều đã lớn tuổi, đi lại khó.", "Giấy tờ tôi có sẵn {doc} và {doc2}.",
    "Tôi làm nghề chạy xe ôm công nghệ, thời gian không cố định.", "Tuần sau tôi phải ra Bắc công tác nửa tháng.",
    "Chồng em đi biển, cả tháng mới về một lần.", "Con tôi đang học lớp 9, sắp thi chuyển cấp.",
    "Tôi đang điều trị ở bệnh viện tỉnh, chưa xuất viện được.", "Ở quê tôi sóng điện thoại yếu, gửi ảnh hay bị lỗi.",
    "Cả nhà tôi mới chuyển về đây ở được nửa năm.",
]
# Why the writer needs the procedure: shared by the intents asked before a dossier exists.
STORY_NEED = [
    "Chỗ làm mới yêu cầu nộp {name} trong tuần này.", "Bên ngân hàng yêu cầu có {name} trước cuối tháng.",
    "Mọi thứ đã sẵn sàng, riêng {name} là chưa có.", "Người ta nói phải có {name} thì mới làm bước tiếp theo.",
    "Nhà trường đòi {name} để làm hồ sơ nhập học cho cháu.", "Tôi chưa làm {name} lần nào nên không biết bắt đầu từ đâu.",
]
# Only a request says what the writer has decided: kept out of the shared pool.
STORY_DECIDED = ["Mấy năm trước tôi định {act} mà bận quá nên để đó, nay làm luôn.",
                 "Đợt này gia đình tôi quyết định {act} cho xong.", "Tôi đã chuẩn bị đủ giấy tờ rồi."]
# What happened to a dossier already filed: shared by the intents asked after one exists.
STORY_PAST = [
    "Hôm {time} tôi có nộp hồ sơ {name} ở {place}, mã {code}.", "Em nộp hồ sơ {name} online {time}, mã hồ sơ {code}.",
    "Tôi đã nộp hồ sơ {name} ở bộ phận một cửa {time}, giấy hẹn ghi 10 ngày làm việc.",
    "Gia đình tôi nộp hồ sơ {name} {time} ở trung tâm hành chính công.", "Hồ sơ {name} của tôi nộp trên VNeID {time}, số {code}.",
    "Cuối tháng trước mình có gửi hồ sơ {name}, có biên nhận hẳn hoi.",
]
STORY = {  # intent: (circumstances, asks, side remarks after the ask)
    "submit_request": (STORY_NEED + STORY_DECIDED, [
        "Tôi muốn nộp hồ sơ {name} qua đây luôn.", "Nhờ anh chị lập giúp tôi hồ sơ {act}.",
        "Em muốn {act} trực tuyến, anh chị tiếp nhận giúp em.", "Vậy cho tôi đăng ký {name} luôn.",
        "Giờ tôi muốn {act}, anh chị tạo hồ sơ giúp.", "Em xin nộp hồ sơ {name} ạ.",
        "Tôi quyết định {act} qua kênh này cho đỡ đi lại."], [
        "Thiếu giấy nào anh chị cứ nói.", "Có cần mang bản gốc lên đối chiếu không?",
        "Lệ phí tôi chuyển khoản được không?", "Khoảng bao lâu thì có ạ?", "Ký vào đâu thì chỉ giúp em.",
        "Nếu phải lên trực tiếp thì hẹn tôi sáng thứ 7."]),
    "procedure_info": (STORY_NEED, [
        "Cho tôi hỏi trường hợp của tôi {act} cần những giấy tờ gì?", "Nộp ở nơi thường trú hay nơi tạm trú thì được?",
        "Không biết {act} có cần về quê không, mất bao lâu?", "Anh chị cho hỏi {act} online được không, phí bao nhiêu?",
        "Xin hỏi {name} nộp ở cơ quan nào và cần bản sao hay bản chính?",
        "Trường hợp như tôi có được ủy quyền cho người nhà {act} không?"], [
        "Mong được hướng dẫn cụ thể.", "", "Có mẫu đơn thì gửi giúp tôi xem trước."]),
    "supplement": (STORY_PAST + [
        "Sáng nay tôi nhận thông báo yêu cầu nộp thêm {doc}.", "Cán bộ gọi báo {doc} trong hồ sơ bị mờ, không đọc được.",
        "Tôi xem lại thì thấy mình khai sai ngày sinh trong tờ khai.", "Phiếu yêu cầu bổ sung ghi phải có thêm {doc}."], [
        "Tôi nộp {doc} qua kênh này có được tính không?", "Tôi chụp lại bản khác nét hơn và gửi kèm tin này.",
        "Nhờ anh chị cập nhật {doc} vào hồ sơ {name} giúp tôi.", "Tôi đính kèm {doc} ở dưới để bổ sung hồ sơ.",
        "Cho em sửa lại thông tin bị sai trong hồ sơ {name}.", "Tôi nộp bổ sung phần còn thiếu ngay hôm nay."], [
        "Trường hợp cần bản giấy thì tôi nhờ người nhà mang lên.", "Bản gốc tôi sẽ mang lên khi được hẹn.",
        "Nhận được thì báo tôi một tiếng.", "Có phải đóng lại lệ phí không ạ?"]),
    "withdraw": (STORY_PAST + [
        "Sau đó gia đình bàn lại nên chưa muốn làm nữa.", "Tôi đã làm trực tiếp ở huyện và có kết quả rồi.",
        "Chuyến đi của tôi bị hủy nên không cần nữa.", "Bên mua đất đổi ý nên chưa cần làm nữa.",
        "Tôi phát hiện nộp thiếu trang nên muốn làm lại bộ khác."], [
        "Tôi xin rút hồ sơ này.", "Nhờ anh chị hủy hồ sơ {name} giúp tôi.", "Cho em rút lại hồ sơ này.",
        "Đề nghị dừng giải quyết hồ sơ {name} của tôi.", "Mình muốn hủy hồ sơ {code}."], [
        "Thủ tục rút có phải làm giấy tờ gì thêm không?", "Còn khoản phí thì xử lý sao?", "Có phải lên tận nơi không?",
        "Giấy tờ gốc đã nộp thì bao giờ tôi lấy lại được?"]),
    "lookup_status": (STORY_PAST + [
        "Quá ngày hẹn rồi vẫn im lặng.", "Từ hôm đó đến nay tôi không nhận được tin nhắn nào.",
        "Tôi cần gấp để kịp nộp cho công ty.", "Trên mạng vẫn ghi đang xử lý."], [
        "Anh chị xem giúp hồ sơ đã đến đâu rồi.", "Cho tôi hỏi hồ sơ đã có kết quả chưa.", "Bao giờ tôi lấy được {name}?",
        "Hồ sơ {name} đã trình lãnh đạo chưa?", "Hồ sơ {code} giờ đang ở bước nào vậy?"], [
        "Nếu xong rồi thì báo tôi lên nhận.", "Có thiếu gì thì báo tôi bổ sung.", ""]),
    "feedback": (STORY_PAST + [
        "Mỗi lần lên là một yêu cầu giấy tờ mới.", "Cán bộ không thèm nhìn mặt, bảo về đi rồi tính.",
        "Giấy hẹn ghi 7 ngày mà giờ đã hơn một tháng.", "Cán bộ đòi thêm loại giấy mà trên thủ tục công khai không hề ghi.",
        "Mỗi lần lên lại bị hẹn tuần sau.", "Tôi gọi đường dây nóng cả chục lần không ai nghe."], [
        "Đề nghị lãnh đạo xem xét.", "Tôi muốn phản ánh việc này.", "Yêu cầu cơ quan trả lời bằng văn bản.",
        "Mong cơ quan chấn chỉnh cách làm việc.", "Tôi rất bức xúc và đề nghị làm rõ trách nhiệm."], [
        "Người dân đâu có thời gian đi lại hoài?", "Như vậy có đúng quy định không?", "Người dân phải chờ tới bao giờ?", ""]),
    "human": ([
        "Phần trả lời tự động về {name} tôi đọc rồi nhưng không áp dụng được.",
        "Trường hợp của tôi khó: giấy tờ cũ ghi tên khác với căn cước.", "Một người đồng sở hữu đã định cư ở Úc.",
        "Câu trả lời tự động không đúng với trường hợp {name} của tôi.",
        "Tôi đọc hướng dẫn {name} mà vẫn không biết mình thuộc diện nào."], [
        "Cho tôi gặp cán bộ phụ trách {name}.", "Nhờ cán bộ gọi lại cho tôi theo số {phone}.",
        "Tôi cần nói chuyện với người thật, không phải máy.", "Anh chị chuyển giúp tôi cho chuyên viên {name}.",
        "Cho em xin gặp trực tiếp người tư vấn."], [
        "Giờ hành chính lúc nào cũng được.", "", "Tôi chờ điện thoại."]),
    # Chit-chat told at the same length, with the same circumstances, for no procedure at all.
    "out_of_scope": ([
        "Con mèo nhà em mấy bữa nay bỏ ăn, cứ nằm một chỗ.", "Cây sầu riêng sau nhà tôi bị vàng lá từ đầu mùa mưa.",
        "Tôi đang tính mua cái tủ lạnh mới cho gia đình.", "Cháu tôi thi đại học được 19 điểm, cả nhà đang rối.",
        "Mái tôn nhà tôi bị dột, mưa xuống là ướt hết góc bếp.", "Máy giặt nhà em vắt cứ kêu rầm rầm.",
        "Ruộng lúa nhà tôi năm nay bị rầy nâu phá.", "Tôi bị mất ngủ mấy tuần nay, sáng dậy mệt lắm."], [
        "Ad biết thì chỉ giúp em nên làm sao.", "Có cần đi khám không hay tự chữa ở nhà được?", "Nên chọn loại nào cho bền?",
        "Thuê thợ ở đâu thì rẻ mà làm kỹ?", "Phun thuốc gì thì hết vậy?", "Ai có kinh nghiệm thì chỉ tôi với."], [
        "", "Cảm ơn nhiều.", "Gấp lắm ạ."]),
}
STORIES_PER_PROC = 2
OOS_STORIES = 30


def story_form(rng, intent, proc):
    why, asks, tails = STORY[intent]
    parts = [rng.choice(STORY_WHO)] if rng.random() < 0.8 else []
    parts += rng.sample(STORY_LIFE, rng.choice([1, 1, 2]))
    first = [w for w in why if "{name}" in w or "{act}" in w] or why
    parts.append(rng.choice(first) if rng.random() < 0.7 else rng.choice(why))
    if rng.random() < 0.5:
        parts.append(rng.choice(why))
    parts.append(rng.choice(asks))
    if rng.random() < 0.6:
        parts.append(rng.choice(tails))
    if rng.random() < 0.4:
        parts.append(rng.choice(CLOSINGS))
    text = " ".join(p for p in parts if p).replace("{doc2}", rng.choice(DOCS))
    return fill(rng, text, proc)


# Short messages of kinds that failed: greetings addressed to an office by name (office names
# otherwise appear only in complaints), chit-chat that borrows service words, a neutral score,
# English words for notifications and staff, corrections of one field of a filed dossier.
MORE_PLAIN_K = {
    "greeting": ["xin chào UBND xã", "chào bộ phận tiếp nhận hồ sơ", "chào zalo phường ạ", "xin chào văn phòng đăng ký đất đai",
                 "chào công an phường", "chào phòng tư pháp huyện", "xin chào bảo hiểm xã hội quận",
                 "kính chào sở tư pháp", "chào ban tiếp công dân"],
    "out_of_scope": ["ai ghi bàn trận tối qua", "lịch thi đấu SEA Games sao rồi", "Arsenal hôm qua hòa hả",
                     "xem ngày tốt để cưới giúp tôi", "bói bài tarot cho mình đi", "năm nay tuổi Thân có phạm thái tuế không",
                     "CHÚC MỪNG QUÝ KHÁCH TRÚNG XE SH, BẤM LINK NHẬN THƯỞNG", "mua hộ tôi vé máy bay đi Đà Nẵng",
                     "book vé xe giường nằm về quê tối mai", "đặt phòng homestay Đà Lạt cuối tuần",
                     "Bên em có dịch vụ phần mềm kế toán cho cơ quan nhà nước, anh chị cần thì liên hệ em",
                     "báo giá in băng rôn khẩu hiệu giá rẻ",
                     "Kính gửi quý cơ quan, chúng tôi xin giới thiệu dịch vụ vệ sinh văn phòng trọn gói",
                     "giá tiêu hôm nay bao nhiêu", "xổ số miền Bắc hôm nay ra con mấy"],
    "help": ["chatbot này giúp được gì cho người dân", "nhắn gì cho bot hiểu vậy", "mới vô chưa biết dùng, chỉ giùm",
             "trên zalo này nộp hồ sơ luôn được hả", "bot nay dung de lam gi"],
    "human": ["need a real person pls", "bot vô dụng quá, gọi người thật ra đây", "cho nói chuyện với support team",
              "live chat với người thật được không", "bot không giúp được, chuyển người thật đi"],
    "rate": ["tạm ổn, 3 sao", "cũng được, 4 sao thôi", "ok không có gì phàn nàn, 5 sao", "trung bình, 5/10",
             "không tốt không xấu, 3 sao", "được, cho 8 điểm"],
    "unsubscribe": ["turn off thông báo giúp mình", "unsubscribe", "đừng gửi noti nữa", "stop notification"],
    "feedback": ["sao cán bộ bắt bổ sung hoài vậy, lần nào cũng đòi thêm một giấy", "lên 4 lần vẫn bị trả hồ sơ, ai chịu trách nhiệm",
                 "hướng dẫn một đằng làm một nẻo, dân biết theo ai", "QUÁ HẸN CẢ THÁNG RỒI MÀ KHÔNG AI TRẢ LỜI???"],
}
for _k, _v in MORE_PLAIN_K.items():
    PLAIN_TEMPLATES.setdefault(_k, []).extend(_v)
FIELDS = ["ngày sinh", "địa chỉ", "số điện thoại", "tên đệm", "tên con", "nơi nhận kết quả", "email"]
MORE_PROC_K = {
    "lookup_status": ["hồ sơ {act} của em nộp {time}, khi nào được nhận"],
    "supplement": ["trong hồ sơ {name} tôi khai nhầm {field}, nhờ sửa giúp", "em muốn sửa {field} trong hồ sơ {name} đã nộp",
                   "đổi {field} trong hồ sơ {name} giúp tôi, lúc khai bị sai"],
    "submit_request": ["cần {act} gấp!!", "muốn {act} cho nhà mình", "cần {act}, 2 bộ"],
    "rate": ["{act} nhanh ghê, cho {n} điểm nha", "cho {n} sao vì {act} gọn gàng"],
    "feedback": ["khiếu nại việc cơ quan không chấp nhận hồ sơ {name} mà không giải thích",
                 "đơn khiếu nại: hồ sơ {name} của con tôi bị bác"],
}
for _k, _v in MORE_PROC_K.items():
    PROC_TEMPLATES.setdefault(_k, []).extend(_v)

# E-mails: a subject line, then the body, as the mailbox adapter hands them over.
SUBJECTS = {
    "withdraw": ["Về việc xin thôi giải quyết hồ sơ", "Thư đề nghị hủy hồ sơ {name}", "Xin dừng hồ sơ {name}"],
    "lookup_status": ["Hỏi kết quả giải quyết hồ sơ", "Theo dõi hồ sơ {name}", "Hồ sơ {name} quá hẹn?"],
    "feedback": ["Ý kiến về chất lượng phục vụ", "Góp ý thủ tục {name}", "Đơn khiếu nại hồ sơ {name}", "Thư phản ánh"],
    "human": ["Xin liên hệ qua điện thoại", "Cần trao đổi với chuyên viên", "Nhờ cán bộ liên lạc"],
    "unsubscribe": ["Ngừng nhận tin", "Thôi nhận email thông báo"],
    "subscribe": ["Đăng ký kênh nhận kết quả", "Xin nhận kết quả qua thư điện tử"],
    "supplement": ["Gửi giấy tờ còn thiếu", "Hoàn thiện hồ sơ {name}", "Điều chỉnh hồ sơ {name}"],
    "procedure_info": ["Thắc mắc về {name}", "Xin thông tin thủ tục", "Hỏi đáp {name}"],
    "submit_request": ["Xin nộp hồ sơ {name}", "Hồ sơ {name} gửi trực tuyến", "Đơn xin {name}", "Xin nộp hồ sơ"],
    "rate": ["Ý kiến đánh giá", "Phiếu đánh giá"],
    "help": ["Cần hướng dẫn sử dụng"],
}
EMAIL_SHARE = 0.08


def email_form(rng, intent, proc, body):
    subjects = [t for t in SUBJECTS[intent] if proc or "{name}" not in t]
    subject = rng.choice(subjects).replace("{name}", rng.choice(PROCS[proc]["name"]) if proc else "")
    return subject + " " + long_form(rng, body)


# ---------------------------------------------------------------------------------------------
# How citizens type: variant generators.

TEENCODE = [  # (phrase, replacements); applied word-boundary-wise with some probability
    ("không", ["ko", "k", "hok", "kh", "khg", "kg", "hông", "hem", "khum"]),
    ("được", ["dc", "đc", "đươc", "dk", "đk", "dươc"]),
    ("gì", ["j", "gi", "chi", "zì"]),
    ("mình", ["mk", "mik", "mh"]),
    ("như thế nào", ["ntn", "nthe nao", "răng", "thế lào"]),
    ("thế nào", ["ntn", "sao", "răng"]),
    ("bao nhiêu", ["bn", "bnhiu", "bao nhiu", "nhiêu"]),
    ("vậy", ["z", "v", "zậy", "dạ", "rứa", "vại"]),
    ("rồi", ["r", "rùi", "roài"]),
    ("với", ["vs", "vơi", "zới"]),
    ("biết", ["bít", "bik", "bjết"]),
    ("hồ sơ", ["hs", "ho so", "hso"]),
    ("thủ tục", ["tt", "thủ tụt", "thu tuc"]),
    ("đăng ký", ["dk", "đk", "đky", "dki", "đăng kí", "dang ki"]),
    ("giấy tờ", ["giấy", "gt", "giấy tơ"]),
    ("bao giờ", ["bh", "bgio", "khi mô"]),
    ("bây giờ", ["bjo", "bh", "giờ"]),
    ("tôi", ["t", "tui", "toy", "tớ"]),
    ("em", ["e", "iem"]),
    ("anh", ["a"]),
    ("chị", ["c", "chế"]),
    ("cảm ơn", ["cam on", "cmon", "camon", "cám ơn", "kảm ơn"]),
    ("ạ", ["a", "ak", "ah", "ạk", "à"]),
    ("nhé", ["nha", "nhe", "nhá", "nghen", "nhen"]),
    ("làm", ["mần", "lam"]),
    ("ở đâu", ["ở mô", "o dau", "đâu", "ở chỗ nào"]),
    ("đâu", ["mô"]),
    ("thì", ["thỳ", "thi"]),
    ("cho hỏi", ["cho hoi", "hỏi xíu", "cho e hỏi", "cho mk hỏi"]),
    ("căn cước", ["cccd", "căn cước công dân", "cc"]),
    ("ủy ban", ["ubnd", "UB", "uỷ ban"]),
    ("trợ cấp thất nghiệp", ["tc thất nghiệp", "tctn", "thất nghiệp"]),
    ("bảo hiểm y tế", ["bhyt", "BHYT", "bảo hiểm yt"]),
    ("giấy phép lái xe", ["gplx", "GPLX", "bằng lái"]),
    ("giấy phép xây dựng", ["GPXD", "gpxd", "phép xây dựng"]),
    ("lý lịch tư pháp", ["lltp", "LLTP", "lý lịch"]),
    ("sổ đỏ", ["so do", "sổ đở", "bìa đỏ"]),
    ("trực tuyến", ["online", "onl", "trên mạng"]),
    ("chưa", ["chưa z", "chua", "chưa dạ"]),
    ("có", ["cóa", "co"]),
    ("người", ["ng", "ngừ"]),
    ("muốn", ["mún", "muon"]),
    ("nhiều", ["nhìu"]),
    ("điện thoại", ["đt", "dt", "đthoại"]),
    ("số điện thoại", ["sđt", "sdt"]),
    ("thông báo", ["tb", "thong bao", "thbao"]),
    ("tin nhắn", ["tn", "tin nhắng", "msg"]),
    ("được không", ["dc ko", "đc k", "được hông", "được hăm", "dc hok"]),
    ("hả", ["hở", "hã"]),
    ("ấy", ["í", "nớ"]),
    ("này", ["ni", "nì"]),
    ("gia hạn", ["gia hạng"]),
    ("bây giờ", ["chừ", "giờ"]),
    ("thật", ["thiệt"]),
    ("giúp", ["giùm", "dùm", "júp"]),
    ("nhanh", ["lẹ", "nhanh nhanh"]),
    ("xem", ["coi", "xem xét"]),
    ("nhiều", ["nhìu", "nhiu"]),
    ("hồ sơ", ["hs", "hồ sơ"]),
    ("thành lập", ["tl", "thanh lap"]),
    ("công ty", ["cty", "cong ty"]),
    ("kết quả", ["kq", "ket qua"]),
    ("đăng ký kinh doanh", ["đkkd", "dkkd"]),
    ("xác nhận", ["xn", "xac nhan"]),
    ("yêu cầu", ["yc", "y/c"]),
    ("trạng thái", ["trag thai", "status"]),
    ("thông báo", ["notification", "noti"]),
    ("hộ chiếu", ["passport", "hc"]),
    ("đăng ký xe", ["đky xe", "dky xe"]),
    ("thành lập doanh nghiệp", ["tldn", "TLDN", "thành lập dn"]),
    ("doanh nghiệp", ["dn", "DN"]),
    ("cập nhật", ["update", "cap nhat"]),
    ("người thật", ["ng thật", "người thiệt"]),
    ("như vậy", ["z", "dzậy"]),
    ("chứng thực", ["cthuc", "c.thực", "chung thuc"]),
    ("ở đây", ["o day", "ở đây nè"]),
    ("bổ sung", ["bsung", "bs", "bo sug", "bổ xung"]),
    ("gia đình", ["gđ", "gd", "gia dinh"]),
    ("hướng dẫn", ["hd", "hdan", "huong dan"]),
    ("sử dụng", ["sd", "xài", "su dung"]),
]

PREFIXES = ["", "", "", "", "", "cho hỏi ", "ad ơi ", "dạ ", "alo ", "xin chào, ", "chào anh chị, ",
            "em chào ạ. ", "anh ơi ", "chị ơi cho em hỏi ", "bạn ơi ", "cán bộ ơi ", "hello, ",
            "Kính gửi UBND, ", "cho mình hỏi chút ", "e hỏi xíu ", "chào ad, mình muốn hỏi "]
SUFFIXES = ["", "", "", "", "", " ạ", " vậy", " với", " nhé", " nha", " giúp em với", " ạ?",
            "?", "??", " cảm ơn", " thanks", " ad ơi", " được không", " gấp", " nghen", " hả",
            ". Trân trọng cảm ơn.", " nhé bạn", " a", " ak", " z"]
# Prefixes and suffixes that change the meaning for some intents are not used for them.
NO_QUESTION_INTENTS = {"greeting", "thanks", "rate", "unsubscribe", "subscribe", "out_of_scope"}

MARK_TONE = {"\u0301": "s", "\u0300": "f", "\u0309": "r", "\u0303": "x", "\u0323": "j"}
MARK_SHAPE = {"\u0302": None, "\u0306": "w", "\u031b": "w"}


def telex(word):
    """How a word comes out when the Vietnamese keyboard is off: "đăng" -> "ddawng"."""
    out, tone = [], ""
    for ch in word:
        if ch in "đĐ":
            out.append("dd")
            continue
        d = unicodedata.normalize("NFD", ch)
        base = d[0]
        for m in d[1:]:
            if m in MARK_TONE:
                tone = MARK_TONE[m]
            elif m == "\u0302":
                base = base + base.lower()
            elif m in ("\u0306", "\u031b"):
                base = base + "w"
        out.append(base)
    return "".join(out) + tone


def fold(text):
    d = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in d if unicodedata.category(c) != "Mn")


def apply_teencode(rng, text, p):
    low = text
    for phrase, reps in TEENCODE:
        idx = 0
        while True:
            j = low.find(phrase, idx)
            if j < 0:
                break
            end = j + len(phrase)
            ok_left = j == 0 or not low[j - 1].isalnum()
            ok_right = end == len(low) or not low[end].isalnum()
            if ok_left and ok_right and rng.random() < p:
                rep = rng.choice(reps)
                low = low[:j] + rep + low[end:]
                idx = j + len(rep)
            else:
                idx = end
    return low


def typo(rng, text):
    words = text.split(" ")
    cands = [i for i, w in enumerate(words) if len(w) >= 4 and w.isalpha()]
    if not cands:
        return text
    i = rng.choice(cands)
    w = words[i]
    k = rng.randrange(1, len(w) - 1)
    kind = rng.random()
    if kind < 0.4:
        w = w[:k] + w[k + 1:]
    elif kind < 0.75:
        w = w[:k - 1] + w[k] + w[k - 1] + w[k + 1:]
    else:
        w = w[:k] + w[k] + w[k:]
    words[i] = w
    return " ".join(words)


def telex_some(rng, text):
    words = text.split(" ")
    return " ".join(telex(w) if rng.random() < 0.5 and not w.isascii() else w for w in words)


def variants(rng, intent, text, n):
    """n noisy versions of a sentence (the sentence itself is kept by the caller)."""
    out = []
    for _ in range(n):
        t = text
        if rng.random() < 0.45:
            pre = rng.choice(PREFIXES)
            suf = rng.choice(SUFFIXES)
            if intent in NO_QUESTION_INTENTS and ("?" in suf or "hỏi" in pre or "được không" in suf):
                suf, pre = "", ""
            t = pre + t + suf
        t = apply_teencode(rng, t.lower() if rng.random() < 0.7 else t, rng.choice([0.3, 0.5, 0.8]))
        r = rng.random()
        if r < 0.45:
            t = fold(t)
        elif r < 0.6:
            t = telex_some(rng, t)
        if rng.random() < 0.25:
            t = typo(rng, t)
        r = rng.random()
        if r < 0.08:
            t = t.upper()
        elif r < 0.2 and t:
            t = t[0].upper() + t[1:]
        out.append(t)
    return out


# ---------------------------------------------------------------------------------------------


def common(rng, names):
    """The first names of each list are how most people say it: draw them half the time."""
    return rng.choice(names[:3]) if rng.random() < 0.5 else rng.choice(names)


def fill(rng, template, proc):
    d = PROCS[proc] if proc else None
    return template.format(need="{need}",
        act=common(rng, d["act"]) if d else "",
        name=common(rng, d["name"]) if d else "",
        code=make_code(rng), doc=rng.choice(DOCS), chan=rng.choice(CHANNELS),
        phone=make_phone(rng), email=make_email(rng), cccd=make_cccd(rng),
        person=rng.choice(NAMES), place=rng.choice(PLACES), time=rng.choice(TIMES), field=rng.choice(FIELDS),
        n=rng.choice(["8", "9", "10", "5"]))


# How many templated sentences each procedure gets per intent.
PER_PROC = {"procedure_info": 9, "submit_request": 6, "lookup_status": 4, "supplement": 4,
            "withdraw": 3, "feedback": 4, "rate": 3, "human": 2, "subscribe": 2, "unsubscribe": 1,
            "thanks": 1}
# How many times each plain template is filled, and noisy variants per base sentence.
PLAIN_FILLS = {"lookup_status": 3, "supplement": 2, "withdraw": 2}
VARIANTS = 2
LONG_SHARE = 0.2
# Short-message intents have fewer templates: more variants each.
PLAIN_VARIANTS = {"out_of_scope": 4, "help": 3, "human": 3, "greeting": 3, "thanks": 3, "rate": 3,
                  "unsubscribe": 3, "subscribe": 3}


def main():
    # --seed and --out exist for measuring how much a result owes to one random draw.
    args = sys.argv[1:]
    seed = int(args[args.index("--seed") + 1]) if "--seed" in args else SEED
    out = args[args.index("--out") + 1] if "--out" in args else os.path.join(HERE, "train.tsv")
    rng = random.Random(seed)
    rows = []  # (intent, procedure, text)

    def add(intent, proc, text, n_variants=VARIANTS, wrap=True):
        r = rng.random() if wrap else 1.0
        if intent in SUBJECTS and r < EMAIL_SHARE:
            text = email_form(rng, intent, proc, fill(rng, text.replace("{", "{{").replace("}", "}}"), None))
        elif intent in LONG_INTENTS and r < EMAIL_SHARE + LONG_SHARE:
            text = long_form(rng, fill(rng, text.replace("{", "{{").replace("}", "}}"), None))
        rows.append((intent, proc or "none", text))
        for v in variants(rng, intent, text, n_variants):
            rows.append((intent, proc or "none", v))

    for proc, d in PROCS.items():
        for intent, templates in PROC_TEMPLATES.items():
            for t in rng.sample(templates, min(PER_PROC[intent], len(templates))):
                add(intent, proc, fill(rng, t, proc))
        for intent, text in d["ctx"]:
            add(intent, proc, text, 3)
        # Bare names ask about the procedure; bare verb phrases ask to do it.
        nouns = [n for n in d["name"] if not n.split()[0] in VERBS]
        for name in rng.sample(nouns, min(2, len(nouns))):
            add("procedure_info", proc, name, 1)
        for act in rng.sample(d["act"], min(BARE_ACT, len(d["act"]))):
            add("submit_request", proc, rng.choice(BARE_PREFIXES) + act + rng.choice(BARE_DETAILS), 1)
        for situation in SITUATIONS.get(proc, []):
            for intent, end in rng.sample(SITUATION_ENDS, 2):
                add(intent, proc, situation + ", " + fill(rng, end, proc))
        for intent, t in rng.sample(NEED_TEMPLATES, 6):
            add(intent, proc, fill(rng, t, proc).replace("{need}", rng.choice(NEEDS[proc])))
        for purpose in PURPOSES.get(proc, []):
            intent, t = rng.choice(PURPOSE_TEMPLATES)
            add(intent, proc, fill(rng, t.replace("{purpose}", purpose), proc))
        for imply in IMPLIES.get(proc, []):
            intent, t = rng.choice(IMPLY_TEMPLATES)
            add(intent, proc, fill(rng, t.replace("{imply}", imply), None))
        for intent in STORY:
            for _ in range(STORIES_PER_PROC if intent != "out_of_scope" else 0):
                add(intent, proc, story_form(rng, intent, proc), wrap=False)
    for _ in range(OOS_STORIES):
        add("out_of_scope", None, story_form(rng, "out_of_scope", None), wrap=False)

    for intent, templates in PLAIN_TEMPLATES.items():
        fills = PLAIN_FILLS.get(intent, 1)
        for t in templates:
            for _ in range(fills if "{" in t else 1):
                add(intent, None, fill(rng, t, None), PLAIN_VARIANTS.get(intent, VARIANTS))

    for intent, proc, text in WRITTEN:
        add(intent, proc, fill(rng, text, None), 3)

    seen, unique = set(), []
    for intent, proc, text in rows:
        text = " ".join(text.replace("\t", " ").split())
        key = (intent, proc, text)
        if text and key not in seen:
            seen.add(key)
            unique.append((intent, proc, text))
    rng.shuffle(unique)  # fastText reads in file order: do not feed it one label at a time

    with open(out, "w", encoding="utf-8") as f:
        f.write("# Generated by generate.py; edit that and rerun. intent<TAB>procedure<TAB>text\n")
        for intent, proc, text in unique:
            f.write(f"{intent}\t{proc}\t{unicodedata.normalize('NFC', text)}\n")
    print(f"{len(unique)} examples")


if __name__ == "__main__":
    main()

// One colleague per script the kiosk must show, search and print: the roster a multinational
// company really has. Tests of rendering, search and reports take their samples from here.
// `latin` finds the person from a Latin keyboard: through ICU's "Any-Latin; Latin-ASCII" reading
// of the name (nikos, dmitrij, wang) or, where that reading is not how the person is known
// (佐藤 reads "zuo teng" as Chinese), through their own `latinName`.
#pragma once

#include <array>
#include <string_view>

namespace wof::test {

struct WorldName {
  std::string_view script;     // as a person would call it
  std::string_view name;       // as the person writes it
  std::string_view latinName;  // the person's own Latin spelling (roster column latin_name), or empty
  std::string_view latin;      // what a colleague types on a Latin keyboard to find them
  std::string_view story;      // a recognition in the same script, mixed with Latin where people mix
};

inline constexpr std::array kWorldNames = {
    WorldName{"Latin (Vietnamese)", "Nguyễn Thị Hương", "", "huong",
              "Chị Hương gọi lại cho khách hàng lúc 9 giờ tối để sửa lỗi đơn hàng."},
    WorldName{"Greek", "Νίκος Παπαδόπουλος", "", "nikos",
              "Ο Νίκος έμεινε μετά τη βάρδια για να λύσει το πρόβλημα του πελάτη."},
    WorldName{"Cyrillic", "Дмитрий Иванов", "", "dmitrij",
              "Дмитрий сам позвонил клиенту и исправил заказ до конца дня."},
    WorldName{"Armenian", "Արամ Պետրոսյան", "", "aram", "Արամը օգնեց հաճախորդին ամբողջ երեկոյի ընթացքում։"},
    WorldName{"Georgian", "ნინო ბერიძე", "", "nino", "ნინომ კლიენტს შეკვეთა იმავე დღეს მიაწოდა."},
    WorldName{"Arabic", "محمد الأحمد", "Mohammed Al-Ahmad", "mohammed", "ساعد محمد العميل في إصلاح طلب ERP قبل نهاية اليوم."},
    WorldName{"Hebrew", "דוד לוי", "David Levi", "levi", "דוד עזר ללקוח לתקן את ההזמנה עוד באותו יום."},
    WorldName{"Chinese (Simplified)", "王秀英", "", "wang", "王秀英主动联系客户，当天就解决了发票问题，客户非常满意。"},
    WorldName{"Chinese (Traditional)", "陳志明", "", "chen", "陳志明親自到現場協助客戶，三小時內恢復了系統運作。"},
    WorldName{"Japanese", "佐藤 花子", "Sato Hanako", "sato", "佐藤さんはお客様の問い合わせに夜遅くまで丁寧に対応してくれました。"},
    WorldName{"Korean", "김민준", "Kim Minjun", "minjun", "김민준 님은 고객의 배송 문제를 당일에 해결했습니다."},
    WorldName{"Devanagari", "अनिल कुमार", "", "anil", "अनिल ने ग्राहक की समस्या उसी दिन हल कर दी और धन्यवाद पत्र भी मिला।"},
    WorldName{"Thai", "สมชาย ใจดี", "Somchai Jaidee", "somchai", "สมชายช่วยลูกค้าแก้ปัญหาการสั่งซื้อจนเสร็จภายในวันเดียว"},
};

}  // namespace wof::test

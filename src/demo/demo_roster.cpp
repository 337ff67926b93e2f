// The demo roster's table and the Employee records made from it.
// Layer: demo.
#include "demo/demo_roster.hpp"

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/util/text.hpp"

namespace wof::core {
namespace {

using namespace demo_detail;

constexpr bool kOnWall = true;
constexpr bool kOffWall = false;  // has not consented to appear on the wall

constexpr std::string_view kEmailDomain = "@example.com";
constexpr int kFirstEmployeeNumber = 1001;

struct DemoPerson {
  std::string_view displayName;
  std::string_view knownAs;     // what colleagues call them, used in stories
  std::string_view emailLocal;  // ASCII-folded by hand, family name as the person writes it
  std::string_view department;
  std::string_view title;
  std::string_view site;
  bool wallConsent;
};

// Latin names use precomposed letters only (no combining marks).
constexpr std::array kDemoPeople = {
    DemoPerson{"Zoë Ødegård", "Zoë", "zoe.odegard", kSupport, "Support Team Lead", kLeeds, kOnWall},
    DemoPerson{"Seán O'Brien", "Seán", "sean.obrien", kSupport, "Customer Support Specialist", kLeeds, kOnWall},
    DemoPerson{"Nguyễn Thị Lan", "Lan", "lan.nguyen", kSupport, "Customer Support Specialist", kLyon, kOnWall},
    DemoPerson{"Kwame Mensah", "Kwame", "kwame.mensah", kSupport, "Senior Support Engineer", kLeeds, kOnWall},
    DemoPerson{"Inès Belkacem", "Inès", "ines.belkacem", kSupport, "Customer Support Specialist", kLyon, kOnWall},
    DemoPerson{"Fatima Zahra Benali", "Fatima", "fatima.benali", kSupport, "Customer Care Advisor", kLyon, kOnWall},
    DemoPerson{"Dylan Hughes-Roberts", "Dylan", "dylan.hughes-roberts", kSupport, "Customer Care Advisor", kLeeds,
               kOnWall},
    DemoPerson{"Chloé Lefèvre", "Chloé", "chloe.lefevre", kSupport, "Support Team Lead", kLyon, kOnWall},
    DemoPerson{"Aisha Rahman", "Aisha", "aisha.rahman", kSupport, "Customer Care Advisor", kLeeds, kOnWall},
    DemoPerson{"Mateus Conceição", "Mateus", "mateus.conceicao", kSupport, "Technical Support Engineer", kLyon,
               kOnWall},
    DemoPerson{"Hannah Brooks", "Hannah", "hannah.brooks", kSupport, "Customer Care Advisor", kLeeds, kOffWall},
    DemoPerson{"Yusuf Demir", "Yusuf", "yusuf.demir", kSupport, "Technical Support Engineer", kLyon, kOnWall},

    DemoPerson{"José Núñez", "José", "jose.nunez", kSales, "Account Manager", kLyon, kOnWall},
    DemoPerson{"Priya Raghunathan", "Priya", "priya.raghunathan", kSales, "Key Account Director", kLeeds, kOnWall},
    DemoPerson{"Olúwaseun Adébáyọ", "Seun", "oluwaseun.adebayo", kSales, "Business Development Manager", kLeeds,
               kOnWall},
    DemoPerson{"Anna-Lena Müller", "Anna-Lena", "anna-lena.muller", kSales, "Account Manager", kLyon, kOnWall},
    DemoPerson{"Thomas Durand", "Thomas", "thomas.durand", kSales, "Sales Representative", kLyon, kOnWall},
    DemoPerson{"Rachel Goldberg", "Rachel", "rachel.goldberg", kSales, "Account Manager", kLeeds, kOnWall},
    DemoPerson{"Callum MacLeod", "Callum", "callum.macleod", kSales, "Inside Sales Representative", kLeeds, kOnWall},
    DemoPerson{"Mariam Haddad", "Mariam", "mariam.haddad", kSales, "Sales Operations Analyst", kLyon, kOnWall},
    DemoPerson{"Kenji Watanabe", "Kenji", "kenji.watanabe", kSales, "Solutions Consultant", kLeeds, kOffWall},

    DemoPerson{"Mei-Ling Chen", "Mei-Ling", "mei-ling.chen", kEngineering, "Senior Software Engineer", kLeeds, kOnWall},
    DemoPerson{"Björn Åkesson", "Björn", "bjorn.akesson", kEngineering, "Engineering Manager", kLyon, kOnWall},
    DemoPerson{"Arjun Mehta", "Arjun", "arjun.mehta", kEngineering, "Firmware Engineer", kLeeds, kOnWall},
    DemoPerson{"Élodie Marchand", "Élodie", "elodie.marchand", kEngineering, "Product Designer", kLyon, kOnWall},
    DemoPerson{"Sofía Castillo", "Sofía", "sofia.castillo", kEngineering, "QA Engineer", kLyon, kOnWall},
    DemoPerson{"Tariq Al-Mansouri", "Tariq", "tariq.al-mansouri", kEngineering, "Site Reliability Engineer", kLeeds,
               kOnWall},
    DemoPerson{"Hyun-woo Park", "Hyun-woo", "hyunwoo.park", kEngineering, "Software Engineer", kLeeds, kOnWall},
    DemoPerson{"Camille Rousseau", "Camille", "camille.rousseau", kEngineering, "Hardware Engineer", kLyon, kOnWall},
    DemoPerson{"Ngozi Okafor", "Ngozi", "ngozi.okafor", kEngineering, "Data Engineer", kLeeds, kOnWall},
    DemoPerson{"Jānis Bērziņš", "Jānis", "janis.berzins", kEngineering, "Software Engineer", kLyon, kOnWall},

    DemoPerson{"Çağla Yıldız", "Çağla", "cagla.yildiz", kFinance, "Financial Controller", kLyon, kOnWall},
    DemoPerson{"Margaret Thompson", "Margaret", "margaret.thompson", kFinance, "Accounts Receivable Lead", kLeeds,
               kOnWall},
    DemoPerson{"Rahul Banerjee", "Rahul", "rahul.banerjee", kFinance, "Billing Specialist", kLeeds, kOnWall},
    DemoPerson{"Amélie Fontaine", "Amélie", "amelie.fontaine", kFinance, "Credit Controller", kLyon, kOnWall},
    DemoPerson{"Samuel Osei", "Samuel", "samuel.osei", kFinance, "Finance Business Partner", kLeeds, kOnWall},

    DemoPerson{"Aoife Ní Bhriain", "Aoife", "aoife.nibhriain", kOperations, "Operations Manager", kLeeds, kOnWall},
    DemoPerson{"Giulia Bianchi", "Giulia", "giulia.bianchi", kOperations, "Service Planner", kLyon, kOnWall},
    DemoPerson{"Mohammed El Idrissi", "Mohammed", "mohammed.elidrissi", kOperations, "Field Service Technician", kLyon,
               kOnWall},
    DemoPerson{"Gareth Llewellyn", "Gareth", "gareth.llewellyn", kOperations, "Field Service Technician", kLeeds,
               kOnWall},
    DemoPerson{"Leïla Mansour", "Leïla", "leila.mansour", kOperations, "Quality Coordinator", kLyon, kOnWall},
    DemoPerson{"Deepa Krishnan", "Deepa", "deepa.krishnan", kOperations, "Process Improvement Lead", kLeeds, kOnWall},
    DemoPerson{"Stéphane Girard", "Stéphane", "stephane.girard", kOperations, "Field Service Technician", kLyon,
               kOffWall},

    DemoPerson{"Łukasz Wróbel", "Łukasz", "lukasz.wrobel", kLogistics, "Warehouse Team Leader", kLeeds, kOnWall},
    DemoPerson{"Thabo Nkosi", "Thabo", "thabo.nkosi", kLogistics, "Logistics Coordinator", kLeeds, kOnWall},
    DemoPerson{"Maëlle Le Goff", "Maëlle", "maelle.legoff", kLogistics, "Dispatch Planner", kLyon, kOnWall},
    DemoPerson{"Andrés Gutiérrez", "Andrés", "andres.gutierrez", kLogistics, "Delivery Driver", kLyon, kOnWall},
    DemoPerson{"Kerry-Ann Campbell", "Kerry-Ann", "kerry-ann.campbell", kLogistics, "Returns Coordinator", kLeeds,
               kOnWall},
    DemoPerson{"Piotr Zieliński", "Piotr", "piotr.zielinski", kLogistics, "Warehouse Operative", kLeeds, kOnWall},
    DemoPerson{"Baptiste Morel", "Baptiste", "baptiste.morel", kLogistics, "Transport Manager", kLyon, kOnWall},

    DemoPerson{"Siobhán Kelly", "Siobhán", "siobhan.kelly", kPeople, "HR Business Partner", kLeeds, kOnWall},
    DemoPerson{"Nadia Boukhari", "Nadia", "nadia.boukhari", kPeople, "Learning & Development Lead", kLyon, kOnWall},
    DemoPerson{"Emeka Nwosu", "Emeka", "emeka.nwosu", kPeople, "People Advisor", kLeeds, kOnWall},
    DemoPerson{"Hélène Dubois", "Hélène", "helene.dubois", kPeople, "Head of People", kLyon, kOnWall},

    DemoPerson{"Freya Lindqvist", "Freya", "freya.lindqvist", kMarketing, "Content Lead", kLeeds, kOnWall},
    DemoPerson{"Théo Lambert", "Théo", "theo.lambert", kMarketing, "Digital Marketing Specialist", kLyon, kOnWall},
    DemoPerson{"Ana Lúcia Ferreira", "Ana Lúcia", "ana.ferreira", kMarketing, "Customer Insights Analyst", kLyon,
               kOnWall},
    DemoPerson{"Jamal Wright", "Jamal", "jamal.wright", kMarketing, "Events Manager", kLeeds, kOnWall},
    DemoPerson{"Yuki Tanaka", "Yuki", "yuki.tanaka", kMarketing, "Brand Designer", kLeeds, kOnWall},
    DemoPerson{"Lucía Moreno", "Lucía", "lucia.moreno", kMarketing, "Product Marketing Manager", kLyon, kOnWall},
    // One person in ten writes their name in another script; their colleagues tell some of
    // their stories in it too (see ownStories), so every screen, report and test shows them.
    DemoPerson{"Νίκος Παπαδόπουλος", "Νίκος", "nikos.papadopoulos", kEngineering, "Test Engineer", kLyon, kOnWall},
    DemoPerson{"Дмитрий Иванов", "Дмитрий", "dmitrij.ivanov", kLogistics, "Fleet Coordinator", kLeeds, kOnWall},
    DemoPerson{"王秀英", "秀英", "xiuying.wang", kSupport, "Customer Support Specialist", kLeeds, kOnWall},
    DemoPerson{"佐藤 花子", "花子", "hanako.sato", kMarketing, "Event Designer", kLyon, kOnWall},
    DemoPerson{"김민준", "민준", "minjun.kim", kEngineering, "Firmware Engineer", kLeeds, kOnWall},
    DemoPerson{"محمد الأحمد", "محمد", "mohammed.alahmad", kSales, "Account Manager", kLyon, kOnWall},
    DemoPerson{"अनिल कुमार", "अनिल", "anil.kumar", kFinance, "Billing Specialist", kLeeds, kOnWall},
    DemoPerson{"สมชาย ใจดี", "สมชาย", "somchai.jaidee", kOperations, "Field Service Technician", kLyon, kOnWall},
};

// How some of them spell their names in Latin letters (the roster's latin_name), where a reading
// of the script would not find them: 佐藤 reads "zuo teng" as Chinese, محمد "mhmd".
struct LatinName {
  std::string_view displayName;
  std::string_view latinName;
};
constexpr std::array kLatinNames = {
    LatinName{"佐藤 花子", "Sato Hanako"},
    LatinName{"김민준", "Kim Minjun"},
    LatinName{"محمد الأحمد", "Mohammed Al-Ahmad"},
    LatinName{"สมชาย ใจดี", "Somchai Jaidee"},
};

// Stories colleagues wrote in the nominee's own script, for the people above who use one.
struct OwnStories {
  std::string_view displayName;
  std::array<std::string_view, 2> stories;
};
constexpr std::array kOwnStories = {
    OwnStories{"Νίκος Παπαδόπουλος",
               {"Ο Νίκος έμεινε μετά τη βάρδια για να λύσει το πρόβλημα του πελάτη με την παραγγελία, και τον ενημέρωσε ο ίδιος τηλεφωνικά όταν όλα ήταν έτοιμα.",
                "Όταν ο πελάτης μας έμεινε χωρίς ανταλλακτικά, ο Νίκος βρήκε λύση μέσα σε δύο ώρες και φρόντισε να μη χαθεί ούτε μία μέρα παραγωγής."}},
    OwnStories{"Дмитрий Иванов",
               {"Дмитрий сам позвонил клиенту, нашёл ошибку в заказе и лично проследил, чтобы исправленная поставка ушла в тот же день.",
                "Когда у клиента сорвалась срочная доставка, Дмитрий перестроил маршрут и привёз груз сам, на два часа раньше обещанного."}},
    OwnStories{"王秀英",
               {"客户的发票出了问题，王秀英主动打电话联系对方，耐心地把每一笔账目都核对清楚，当天下班前就把更正后的发票寄了出去。客户专门写信感谢她的细心和责任心，说这是合作以来最安心的一次。",
                "一位老客户的设备在周五晚上突然停机，王秀英一直在线上陪着对方排查，直到深夜才把问题彻底解决。第二天一早她又回访确认设备运行正常，客户说这样的服务让他们对我们更加信任。"}},
    OwnStories{"佐藤 花子",
               {"佐藤さんはお客様からの問い合わせに夜遅くまで丁寧に対応し、配送の遅れの原因を突き止めて翌朝には代わりの商品を届けてくれました。お客様から「ここまでしてくれる会社は初めてだ」とお礼の電話がありました。",
                "展示会の前日に資料が届かないと連絡を受けた佐藤さんは、すぐにデザインを作り直して自分で印刷所に持ち込みました。おかげでお客様は予定どおり発表ができ、とても喜んでいました。"}},
    OwnStories{"김민준",
               {"김민준 님은 고객의 시스템 장애 신고를 받자마자 원인을 찾아 한 시간 만에 복구했고, 같은 문제가 다시 생기지 않도록 설정까지 꼼꼼히 바꿔 주었습니다.",
                "새 펌웨어 때문에 고객이 불편을 겪자 김민준 님이 직접 현장에 가서 하나하나 업데이트를 도와주었고, 고객은 덕분에 일정을 지킬 수 있었다고 감사 인사를 전했습니다."}},
    OwnStories{"محمد الأحمد",
               {"ساعد محمد العميل في إصلاح طلب الشراء قبل نهاية اليوم، واتصل به بنفسه ليتأكد من وصول الشحنة في موعدها، فشكرنا العميل على هذا الاهتمام.",
                "عندما تأخرت شحنة مهمة لعميلنا في ليون، تابع محمد الأمر مع فريق النقل حتى وصلت في الصباح التالي، وأبقى العميل على اطلاع في كل خطوة."}},
    OwnStories{"अनिल कुमार",
               {"अनिल ने ग्राहक के बिल की गलती उसी दिन ठीक कर दी और खुद फ़ोन करके पूरी जानकारी दी। ग्राहक ने धन्यवाद पत्र भेजा और कहा कि ऐसी सेवा बहुत कम मिलती है।",
                "महीने के आख़िरी दिन एक ग्राहक का भुगतान अटक गया था। अनिल देर शाम तक रुके, बैंक से बात की और भुगतान समय पर पूरा करवाया।"}},
    OwnStories{"สมชาย ใจดี",
               {"สมชายช่วยลูกค้าแก้ปัญหาเครื่องจักรที่หยุดทำงานกะทันหัน เขาเดินทางไปที่โรงงานด้วยตัวเองและทำให้ทุกอย่างกลับมาใช้งานได้ภายในวันเดียว ลูกค้าประทับใจมาก",
                "เมื่อลูกค้าได้รับสินค้าผิดรุ่น สมชายรีบจัดส่งสินค้าที่ถูกต้องให้ทันทีและโทรไปขอโทษด้วยตัวเอง ลูกค้าบอกว่าบริการแบบนี้หาได้ยากมาก"}},
};

std::string demoEmployeeId(std::size_t index) {
  return "E" + std::to_string(kFirstEmployeeNumber + static_cast<int>(index));
}


}  // namespace

namespace demo_detail {

std::string knownAs(const Employee& employee) {
  for (std::size_t i = 0; i < kDemoPeople.size(); ++i) {
    if (kDemoPeople[i].displayName == employee.displayName && demoEmployeeId(i) == employee.id) {
      return std::string(kDemoPeople[i].knownAs);
    }
  }
  const std::string_view name = trim(employee.displayName);
  return std::string(name.substr(0, name.find(' ')));
}

std::vector<std::string_view> ownStories(const Employee& employee) {
  for (const OwnStories& own : kOwnStories) {
    if (own.displayName == employee.displayName) return {own.stories.begin(), own.stories.end()};
  }
  return {};
}

}  // namespace demo_detail

// [SECTION] public API

std::vector<Employee> demoRoster() {
  std::vector<Employee> roster;
  roster.reserve(kDemoPeople.size());
  for (std::size_t i = 0; i < kDemoPeople.size(); ++i) {
    const DemoPerson& person = kDemoPeople[i];
    Employee employee;
    employee.id = demoEmployeeId(i);
    employee.displayName = person.displayName;
    employee.department = person.department;
    employee.title = person.title;
    employee.site = person.site;
    employee.email = std::string(person.emailLocal) + std::string(kEmailDomain);
    employee.active = true;
    employee.wallConsent = person.wallConsent;
    for (const LatinName& latin : kLatinNames) {
      if (latin.displayName == person.displayName) employee.latinName = latin.latinName;
    }
    roster.push_back(std::move(employee));
  }
  return roster;
}

}  // namespace wof::core

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

// Names use precomposed letters only (no combining marks), so any font with Latin Extended
// Additional (which Vietnamese needs anyway) shows them all.
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
    roster.push_back(std::move(employee));
  }
  return roster;
}

}  // namespace wof::core

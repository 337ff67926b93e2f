// Report aggregation. Layer: core/report.
#include "core/reports/report.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/util/clock.hpp"

namespace wof::core {

namespace {

constexpr const char* kShortMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::string shortMonthLabel(const std::string& yearMonth) {
  const int month = std::stoi(yearMonth.substr(5, 2));
  return std::string(kShortMonths[month - 1]) + " " + yearMonth.substr(0, 4);
}

// The story the PDF would rather show: most applauded, then newest, then by id.
bool morePromising(const ReportRow& a, const ReportRow& b) {
  if (a.applause != b.applause) return a.applause > b.applause;
  if (a.createdAt != b.createdAt) return a.createdAt > b.createdAt;
  return a.nominationId < b.nominationId;
}

}  // namespace

std::string formatDayLong(const TimeZone& zone, TimeMs t) {
  const std::string date = zone.formatDate(t);  // YYYY-MM-DD
  const int month = std::stoi(date.substr(5, 2));
  return std::to_string(std::stoi(date.substr(8, 2))) + " " + kShortMonths[month - 1] + " " + date.substr(0, 4);
}

Report buildReport(Store& store, const ReportFilter& filter, const std::function<void(const ReportRow&)>& each) {
  Report report;
  report.filter = filter;
  report.zone = store.timeZone();
  const TimeZone& zone = report.zone;

  std::map<std::string, std::int64_t> behaviourCounts, departmentCounts, monthCounts;
  std::map<std::string, PersonTotal> people;
  std::set<std::string> nominators;
  std::map<std::string, ReportRow> featured;  // per person; bounded by people, not rows
  // Rows come oldest first: a month label is made once per month, not once per row.
  TimeMs monthEnd = INT64_MIN;
  std::int64_t* monthCount = nullptr;
  store.forEachReportRow(filter, false, [&](ReportRow& row) {
    if (each) each(row);
    if (!report.firstCreatedAt) report.firstCreatedAt = row.createdAt;
    report.lastCreatedAt = row.createdAt;
    if (row.createdAt >= monthEnd || !monthCount) {
      const std::string month = zone.formatMonth(row.createdAt);
      monthEnd = zone.monthOf(row.createdAt).to;
      monthCount = &monthCounts[month];
    }
    ++*monthCount;
    ++report.nominations;
    report.approved += row.status == NominationStatus::Approved;
    report.pending += row.status == NominationStatus::Pending;
    report.applause += row.applause;
    ++behaviourCounts[row.behaviourKey];
    ++departmentCounts[row.department.empty() ? "(no department)" : row.department];
    if (!row.nominatorName.empty()) nominators.insert(row.nominatorName);
    PersonTotal& person = people[row.nomineeId];
    person.employeeId = row.nomineeId;
    person.displayName = row.nomineeName;
    person.department = row.department;
    person.site = row.site;
    ++person.nominations;
    person.applause += row.applause;
    if (row.status == NominationStatus::Approved && row.nomineeWallConsent) {
      const auto [best, added] = featured.try_emplace(row.nomineeId);
      if (added || morePromising(row, best->second)) best->second = std::move(row);
    }
  });
  for (auto& [id, row] : featured) report.featured.push_back(std::move(row));
  std::sort(report.featured.begin(), report.featured.end(), morePromising);
  if (report.featured.size() > kFeaturedStories) report.featured.resize(kFeaturedStories);
  report.peopleRecognised = static_cast<std::int64_t>(people.size());
  report.nominators = static_cast<std::int64_t>(nominators.size());

  for (const Behaviour& behaviour : store.behaviours()) {
    const auto found = behaviourCounts.find(behaviour.key);
    report.byBehaviour.push_back({behaviour.key, behaviour.title, found == behaviourCounts.end() ? 0 : found->second});
    if (found != behaviourCounts.end()) behaviourCounts.erase(found);
  }
  for (const auto& [key, count] : behaviourCounts) report.byBehaviour.push_back({key, key, count});  // retired keys

  for (const auto& [department, count] : departmentCounts) report.byDepartment.push_back({department, department, count});
  std::stable_sort(report.byDepartment.begin(), report.byDepartment.end(),
                   [](const ReportCount& a, const ReportCount& b) { return a.count > b.count; });

  for (auto& [id, person] : people) report.byPerson.push_back(person);
  std::stable_sort(report.byPerson.begin(), report.byPerson.end(), [](const PersonTotal& a, const PersonTotal& b) {
    if (a.nominations != b.nominations) return a.nominations > b.nominations;
    return a.displayName < b.displayName;
  });

  // Every month of the period, so a quiet month shows as zero rather than disappearing. An open
  // end of the filter takes the data's first or last nomination.
  const bool hasFrom = filter.period.from > 0;
  const bool hasTo = filter.period.to < INT64_MAX;
  const bool any = report.lastCreatedAt.has_value();
  if (any || (hasFrom && hasTo)) {
    const TimeMs first = hasFrom ? filter.period.from : *report.firstCreatedAt;
    const TimeMs last = hasTo ? filter.period.to - 1 : (any ? *report.lastCreatedAt : first);
    std::string month = zone.formatMonth(first);
    const std::string lastMonth = zone.formatMonth(last);
    while (month <= lastMonth) {
      const auto found = monthCounts.find(month);
      report.byMonth.push_back({month, shortMonthLabel(month), found == monthCounts.end() ? 0 : found->second});
      month = zone.formatMonth(zone.parseMonth(month)->to);
    }
    report.periodLabel = formatDayLong(zone, first) + " \u2013 " + formatDayLong(zone, last);
  } else {
    report.periodLabel = "No nominations in this period";
  }
  report.scopeLabel = (filter.site.empty() ? std::string("All sites") : "Site " + filter.site) + ", " +
                      (filter.department.empty() ? std::string("all departments") : "department " + filter.department);
  return report;
}

}  // namespace wof::core

// The XLSX report. Layer: core/report.
#include "core/reports/report_xlsx.hpp"

#include <xlsxwriter.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "core/util/clock.hpp"
#include "core/util/files.hpp"

namespace wof::core {

namespace {

// Excel counts days from 1899-12-30; the Unix epoch is day 25569.
double excelSerial(TimeMs t) { return 25569.0 + static_cast<double>(t) / 86'400'000.0; }

struct Formats {
  lxw_format* header = nullptr;
  lxw_format* text = nullptr;
  lxw_format* wrap = nullptr;
  lxw_format* dateTime = nullptr;
  lxw_format* month = nullptr;
  lxw_format* count = nullptr;
  lxw_format* percent = nullptr;
};

struct Column {
  const char* title;
  double width;
};

class Sheet {
 public:
  Sheet(lxw_workbook* book, const char* name, const Formats& formats, const std::vector<Column>& columns)
      : m_sheet(workbook_add_worksheet(book, name)), m_formats(formats), m_columns(columns.size()) {
    if (!m_sheet) throw std::runtime_error(std::string("could not add sheet ") + name);
    for (std::size_t c = 0; c < columns.size(); ++c) {
      worksheet_set_column(m_sheet, col(c), col(c), columns[c].width, nullptr);
      worksheet_write_string(m_sheet, 0, col(c), columns[c].title, formats.header);
    }
    worksheet_freeze_panes(m_sheet, 1, 0);
  }
  // Call once all rows are written: a filter over the whole table.
  void finish(lxw_row_t rows) {
    worksheet_autofilter(m_sheet, 0, 0, rows, static_cast<lxw_col_t>(m_columns - 1));
  }
  void text(lxw_row_t row, std::size_t c, const std::string& value, lxw_format* format = nullptr) {
    // Always a string cell: libxlsxwriter never interprets it, so formula payloads stay inert.
    worksheet_write_string(m_sheet, row, col(c), value.c_str(), format ? format : m_formats.text);
  }
  void number(lxw_row_t row, std::size_t c, double value, lxw_format* format) {
    worksheet_write_number(m_sheet, row, col(c), value, format);
  }
  lxw_worksheet* raw() { return m_sheet; }

 private:
  static lxw_col_t col(std::size_t c) { return static_cast<lxw_col_t>(c); }
  lxw_worksheet* m_sheet;
  const Formats& m_formats;
  std::size_t m_columns;
};

double share(std::int64_t count, std::int64_t total) {
  return total == 0 ? 0.0 : static_cast<double>(count) / static_cast<double>(total);
}

}  // namespace

Report writeXlsxReport(Store& store, const ReportFilter& filter, const std::filesystem::path& file) {
  const std::string fileName = file.string();
  // Written beside the target and renamed over it: a failed export never leaves half a file.
  DurableFile out(file, DurableOptions{.replace = true});
  // Constant memory: each row goes to a temporary file (beside the target, not a RAM-backed /tmp)
  // as the next one starts, and strings are written inline rather than through a shared table
  // held in memory, so a report of a million rows needs no more memory than one of a thousand.
  std::string folder = file.parent_path().empty() ? std::string(".") : file.parent_path().string();
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  options.tmpdir = folder.data();
  lxw_workbook* book = workbook_new_opt(out.temporaryPath().c_str(), &options);
  if (!book) throw std::runtime_error("cannot create " + fileName);

  Formats formats;
  formats.header = workbook_add_format(book);
  format_set_bold(formats.header);
  format_set_bg_color(formats.header, 0x1F3A5F);
  format_set_font_color(formats.header, 0xFFFFFF);
  format_set_text_wrap(formats.header);
  format_set_align(formats.header, LXW_ALIGN_VERTICAL_CENTER);
  formats.text = workbook_add_format(book);
  format_set_align(formats.text, LXW_ALIGN_VERTICAL_TOP);
  formats.wrap = workbook_add_format(book);
  format_set_text_wrap(formats.wrap);
  format_set_align(formats.wrap, LXW_ALIGN_VERTICAL_TOP);
  formats.dateTime = workbook_add_format(book);
  format_set_num_format(formats.dateTime, "yyyy-mm-dd hh:mm");
  format_set_align(formats.dateTime, LXW_ALIGN_VERTICAL_TOP);
  formats.month = workbook_add_format(book);
  format_set_num_format(formats.month, "mmm yyyy");
  formats.count = workbook_add_format(book);
  format_set_num_format(formats.count, "0");
  format_set_align(formats.count, LXW_ALIGN_VERTICAL_TOP);
  formats.percent = workbook_add_format(book);
  format_set_num_format(formats.percent, "0.0%");

  Report report;
  {
    Sheet sheet(book, "Nominations", formats,
                {{"Created (UTC)", 17}, {"Nominee", 24}, {"Employee ID", 12}, {"Department", 20}, {"Site", 14},
                 {"Behaviour", 30}, {"Story", 70}, {"Nominator", 22}, {"Status", 10}, {"Applause", 10},
                 {"Kiosk", 14}, {"Nomination ID", 38}});
    lxw_row_t r = 1;
    report = buildReport(store, filter, [&](const ReportRow& row) {
      sheet.number(r, 0, excelSerial(row.createdAt), formats.dateTime);
      sheet.text(r, 1, row.nomineeName);
      sheet.text(r, 2, row.nomineeId);
      sheet.text(r, 3, row.department);
      sheet.text(r, 4, row.site);
      sheet.text(r, 5, row.behaviourTitle);
      sheet.text(r, 6, row.story, formats.wrap);
      sheet.text(r, 7, row.nominatorName.empty() ? "(anonymous)" : row.nominatorName);
      sheet.text(r, 8, std::string(toText(row.status)));
      sheet.number(r, 9, static_cast<double>(row.applause), formats.count);
      sheet.text(r, 10, row.kioskId);
      sheet.text(r, 11, row.nominationId);
      ++r;
    });
    sheet.finish(r - 1);
  }
  // The same data gives the same file: the creation time is the last nomination's, not now.
  lxw_doc_properties properties{};
  std::string title = "Wall of Fame report, " + report.periodLabel;
  properties.title = title.data();
  properties.created = report.lastCreatedAt ? static_cast<time_t>(*report.lastCreatedAt / 1000) : 0;
  workbook_set_properties(book, &properties);

  {
    Sheet sheet(book, "By person", formats,
                {{"Employee ID", 12}, {"Name", 26}, {"Department", 22}, {"Site", 14}, {"Nominations", 12},
                 {"Applause", 10}});
    lxw_row_t r = 1;
    for (const PersonTotal& person : report.byPerson) {
      sheet.text(r, 0, person.employeeId);
      sheet.text(r, 1, person.displayName);
      sheet.text(r, 2, person.department);
      sheet.text(r, 3, person.site);
      sheet.number(r, 4, static_cast<double>(person.nominations), formats.count);
      sheet.number(r, 5, static_cast<double>(person.applause), formats.count);
      ++r;
    }
    sheet.finish(r - 1);
  }
  {
    Sheet sheet(book, "By behaviour", formats, {{"Key", 22}, {"Behaviour", 36}, {"Nominations", 12}, {"Share", 9}});
    lxw_row_t r = 1;
    for (const ReportCount& count : report.byBehaviour) {
      sheet.text(r, 0, count.key);
      sheet.text(r, 1, count.label);
      sheet.number(r, 2, static_cast<double>(count.count), formats.count);
      sheet.number(r, 3, share(count.count, report.nominations), formats.percent);
      ++r;
    }
    sheet.finish(r - 1);
  }
  {
    Sheet sheet(book, "By department", formats, {{"Department", 28}, {"Nominations", 12}, {"Share", 9}});
    lxw_row_t r = 1;
    for (const ReportCount& count : report.byDepartment) {
      sheet.text(r, 0, count.label);
      sheet.number(r, 1, static_cast<double>(count.count), formats.count);
      sheet.number(r, 2, share(count.count, report.nominations), formats.percent);
      ++r;
    }
    sheet.finish(r - 1);
  }
  {
    Sheet sheet(book, "By month", formats, {{"Month", 12}, {"Nominations", 12}});
    lxw_row_t r = 1;
    for (const ReportCount& count : report.byMonth) {
      const std::optional<Period> month = parseMonthUtc(count.key);
      sheet.number(r, 0, excelSerial(month ? month->from : 0), formats.month);
      sheet.number(r, 1, static_cast<double>(count.count), formats.count);
      ++r;
    }
    sheet.finish(r - 1);
  }

  const lxw_error closed = workbook_close(book);
  if (closed != LXW_NO_ERROR) throw std::runtime_error("cannot write " + fileName + ": " + lxw_strerror(closed));
  if (const std::string error = out.commit(); !error.empty())
    throw std::runtime_error("cannot write " + fileName + ": " + error);
  return report;
}

}  // namespace wof::core

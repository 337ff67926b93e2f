// The store's report queries: the raw rows behind the CSV export. Layer: core/store.
#include "core/store.hpp"

namespace wof::core {

std::vector<ExportRow> Store::exportRows(Period period) {
  // Every value comes from merged state (never from which kiosk asked), so kiosks that saw the
  // same events return the same rows.
  Statement select = m_db.prepare(R"sql(
    SELECT n.id, n.created_at, n.kiosk_id, n.nominee_id,
           CASE WHEN x.employee_id IS NOT NULL THEN '(erased)' ELSE COALESCE(e.display_name, '') END,
           COALESCE(e.department, ''), COALESCE(e.site, ''), n.behaviour_key, n.story,
           CASE WHEN n.nominator_id IS NULL THEN '' ELSE COALESCE(r.display_name, n.nominator_id) END,
           n.status,
           (SELECT COALESCE(SUM(a.count), 0) FROM applause a WHERE a.nomination_id = n.id)
    FROM nominations n
    LEFT JOIN employees e ON e.id = n.nominee_id
    LEFT JOIN employees r ON r.id = n.nominator_id
    LEFT JOIN erased_employees x ON x.employee_id = n.nominee_id
    WHERE n.created_at >= ? AND n.created_at < ?
    ORDER BY n.created_at, n.id)sql");
  select.bind(1, period.from).bind(2, period.to);
  std::vector<ExportRow> rows;
  while (select.step()) {
    ExportRow row;
    row.nominationId = select.getText(0);
    row.createdAt = select.getInt(1);
    row.kioskId = select.getText(2);
    row.nomineeId = select.getText(3);
    row.nomineeName = select.getText(4);
    row.department = select.getText(5);
    row.site = select.getText(6);
    row.behaviourKey = select.getText(7);
    row.story = select.getText(8);
    row.nominator = select.getText(9);
    row.status = select.getText(10);
    row.applause = select.getInt(11);
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace wof::core

// Roster and photo import from files. Layer: core.
#include "core/roster/roster_import.hpp"

#include "core/photos/photo.hpp"

namespace wof::core {

namespace {

bool sameContent(const std::filesystem::path& file, const std::vector<std::uint8_t>& bytes) {
  const FileBytes existing = readRegularFile(file, bytes.size());
  return existing.bytes && *existing.bytes == bytes;
}

}  // namespace

RosterFileImport importRosterFile(Store& store, const std::filesystem::path& csvFile,
                                  const std::filesystem::path& photosSource, const std::filesystem::path& photosDir) {
  RosterFileImport result;
  const FileBytes file = readRegularFile(csvFile, kMaxRosterBytes);
  if (!file.bytes) {
    result.problems.push_back({0, "", csvFile.string() + " " + file.error});
    return result;
  }
  const std::string_view text(reinterpret_cast<const char*>(file.bytes->data()), file.bytes->size());
  RosterParse parsed = parseRosterCsv(text, fleetRosterHeaders(store));
  result.readAs = std::move(parsed.readAs);
  if (!parsed.ok()) {
    result.problems = std::move(parsed.problems);
    return result;
  }
  result.summary = store.replaceRoster(parsed.employees);
  result.accepted = true;

  if (photosSource.empty() || !std::filesystem::is_directory(photosSource)) return result;
  std::filesystem::create_directories(photosDir);
  for (const Employee& employee : parsed.employees) {
    if (store.isErased(employee.id)) continue;  // their photo must not come back
    for (const char* extension : {".jpg", ".jpeg", ".png"}) {
      const std::filesystem::path source = photosSource / (employee.id + extension);
      std::error_code error;
      if (!std::filesystem::exists(std::filesystem::symlink_status(source, error))) continue;
      const std::string name = "photos/" + employee.id + extension;
      const FileBytes photo = readRegularFile(source, kMaxPhotoBytes);
      if (!photo.bytes) {
        result.photoProblems.push_back(name + " " + photo.error);
        break;
      }
      if (const std::string problem = photoHeaderProblem(*photo.bytes); !problem.empty()) {
        result.photoProblems.push_back(name + ": " + problem);
        break;
      }
      const std::string target = employee.id + (std::string_view(extension) == ".png" ? ".png" : ".jpg");
      if (sameContent(photosDir / target, *photo.bytes)) {
        ++result.photosUnchanged;
      } else if (writeFileDurably(photosDir / target,
                                  std::string_view(reinterpret_cast<const char*>(photo.bytes->data()), photo.bytes->size()),
                                  /*replace=*/true)
                     .empty()) {  // a reader never sees half a photo
        ++result.photosCopied;
      } else {
        result.photoProblems.push_back(name + ": cannot write " + (photosDir / target).string());
        break;
      }
      store.setEmployeePhoto(employee.id, target);
      break;
    }
  }
  return result;
}

}  // namespace wof::core

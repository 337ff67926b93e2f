// Roster and photo import from files. Layer: core.
#include "core/roster/roster_import.hpp"

#include <algorithm>
#include <cctype>
#include <map>

#include "core/photos/photo.hpp"

namespace wof::core {

namespace {

// Enough to prove a photo decodes: a JPEG is decoded at 1/8 of its size for this.
constexpr int kImportCheckSide = 64;

std::string lowerCase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// The photos in `folder` by file name without extension ("E1001" -> {"E1001.JPG"}), whatever the
// case of the extension phones and cameras give ("IMG.JPG", ".jpeg", ".HEIC"). When one person has
// several, the first extension of kPhotoExtensions wins, as before (.jpg over .png).
std::map<std::string, std::vector<std::string>> photoFilesByStem(const std::filesystem::path& folder) {
  std::map<std::string, std::vector<std::string>> byStem;
  std::error_code error;
  for (const std::filesystem::directory_entry& entry : std::filesystem::directory_iterator(folder, error)) {
    const std::filesystem::path name = entry.path().filename();
    if (hasPhotoExtension(name)) byStem[name.stem().string()].push_back(name.string());
  }
  auto rank = [](const std::string& file) {
    const std::string extension = lowerCase(std::filesystem::path(file).extension().string());
    return std::find(kPhotoExtensions.begin(), kPhotoExtensions.end(), extension) - kPhotoExtensions.begin();
  };
  for (auto& [stem, files] : byStem)
    std::sort(files.begin(), files.end(), [&](const std::string& a, const std::string& b) {
      return std::pair(rank(a), a) < std::pair(rank(b), b);
    });
  return byStem;
}

// The name a photo gets in the data dir: its extension in lower case, ".jpeg" as ".jpg".
std::string photoTargetExtension(const std::string& file) {
  const std::string extension = lowerCase(std::filesystem::path(file).extension().string());
  return extension == ".jpeg" ? ".jpg" : extension;
}

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
  const std::string_view text = asText(*file.bytes);
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
  const std::map<std::string, std::vector<std::string>> photoNames = photoFilesByStem(photosSource);
  for (const Employee& employee : parsed.employees) {
    if (store.isErased(employee.id)) continue;  // their photo must not come back
    const auto found = photoNames.find(employee.id);
    if (found == photoNames.end()) continue;
    const std::string& photoName = found->second.front();
    const std::string name = "photos/" + photoName;
    const FileBytes photo = readRegularFile(photosSource / photoName, kMaxPhotoBytes);
    if (!photo.bytes) {
      result.photoProblems.push_back(name + " " + photo.error);
      continue;
    }
    if (const std::string problem = photoHeaderProblem(*photo.bytes); !problem.empty()) {
      result.photoProblems.push_back(name + ": " + problem);
      continue;
    }
    const std::string target = employee.id + photoTargetExtension(photoName);
    if (sameContent(photosDir / target, *photo.bytes)) {
      ++result.photosUnchanged;
      store.setEmployeePhoto(employee.id, target);
      continue;
    }
    // Decoded once here (small and fast: a JPEG at 1/8 scale), so that a photo the wall could not
    // show is reported now, by name, and never replaces a good one.
    if (const PhotoResult decoded = decodePhoto(*photo.bytes, kImportCheckSide); !decoded.image) {
      result.photoProblems.push_back(name + ": " + decoded.error);
      continue;
    }
    if (!writeFileDurably(photosDir / target,
                          asText(*photo.bytes),
                          /*replace=*/true)
             .empty()) {  // a reader never sees half a photo
      result.photoProblems.push_back(name + ": cannot write " + (photosDir / target).string());
      continue;
    }
    ++result.photosCopied;
    store.setEmployeePhoto(employee.id, target);
  }
  return result;
}

}  // namespace wof::core

#!/usr/bin/env bash
# Builds the Debian package from this build, checks its contents and control data, unpacks it
# into a temporary root and runs the installed program from there: --version, and the demo kiosk
# under Xvfb (which must find its assets relative to the installed binary).
# Usage: package_test.sh BUILD_DIR
set -euo pipefail
build_dir=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$build_dir"
cpack -G DEB -B "$work/out" >"$work/cpack.log" 2>&1 || { cat "$work/cpack.log"; exit 1; }
deb=$(ls "$work"/out/wall-of-fame_*.deb)

contents=$(dpkg-deb -c "$deb")
for path in ./usr/bin/wall-of-fame ./etc/wall-of-fame/kiosk.toml ./lib/systemd/system/wall-of-fame-cage@.service \
            ./lib/systemd/system/wall-of-fame-x11@.service ./usr/share/wall-of-fame/kiosk-config/xinitrc \
            ./usr/share/wall-of-fame/kiosk-config/fleet.toml ./usr/share/doc/wall-of-fame/README.md; do
  grep -q " $path\$" <<<"$contents" || { echo "package lacks $path"; echo "$contents"; exit 1; }
done
[[ "$(dpkg-deb -f "$deb" Package)" == wall-of-fame ]]
depends=$(dpkg-deb -f "$deb" Depends)
grep -q libglfw3 <<<"$depends" || { echo "Depends lacks libglfw3: $depends"; exit 1; }
grep -q fonts-dejavu-core <<<"$depends" || { echo "Depends lacks fonts-dejavu-core: $depends"; exit 1; }
for fonts in fonts-noto-core fonts-noto-cjk; do  # names in every script in the PDF report
  grep -q "$fonts" <<<"$depends" || { echo "Depends lacks $fonts: $depends"; exit 1; }
done
grep -q libsystemd0 <<<"$depends" || { echo "Depends lacks libsystemd0 (sd_notify): $depends"; exit 1; }
# Read whole outputs into variables: `grep -q` closing a pipe early would fail the pipeline.
control_files=$(dpkg-deb --ctrl-tarfile "$deb" | tar -tf -)
grep -q '^./conffiles$' <<<"$control_files" || { echo "no conffiles"; exit 1; }
conffiles=$(dpkg-deb --ctrl-tarfile "$deb" | tar -xOf - ./conffiles)
grep -qx /etc/wall-of-fame/kiosk.toml <<<"$conffiles" || { echo "kiosk.toml is not a conffile"; exit 1; }

root="$work/root"
dpkg-deb -x "$deb" "$root"
version=$("$root/usr/bin/wall-of-fame" --version)
echo "installed program says: $version"
[[ -n "$version" ]]

if command -v xvfb-run >/dev/null; then
  (cd / && env -u WOF_ASSETS_DIR xvfb-run -a -s "-screen 0 1280x720x24" "$root/usr/bin/wall-of-fame" kiosk --demo \
     --windowed 1280x720 --screenshot "$work/installed.png" --screenshot-frames 5) >"$work/kiosk.log" 2>&1 \
    || { cat "$work/kiosk.log"; exit 1; }
  [[ -s "$work/installed.png" ]] || { echo "no screenshot from the installed kiosk"; exit 1; }
  grep -q "screen words from $root/usr/share/wall-of-fame/strings" "$work/kiosk.log" \
    || { echo "the installed kiosk did not use its installed strings:"; cat "$work/kiosk.log"; exit 1; }
fi
echo "package ok: $(basename "$deb")"

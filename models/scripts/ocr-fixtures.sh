#!/usr/bin/env bash
# Renders the OCR golden fixtures (models/ocr/fixtures/*.png, *.jpg). Run by a developer when a fixture
# changes; the images are committed and CI never runs this. Needs Debian's ImageMagick and CJK fonts:
#   apt-get install -y imagemagick fonts-noto-cjk
# Each image's expected reading is in the .json beside it (written by hand, not by this script).
set -euo pipefail
out="$(cd "$(dirname "$0")/../ocr/fixtures" && pwd)"
cjk=Noto-Sans-CJK-SC
cjk_bold=Noto-Sans-CJK-SC-Bold
# Fixed output: no timestamps or tool versions in the PNGs, so re-running gives the same bytes.
strip=(-strip -define png:exclude-chunks=date,time)

if ! convert -list font | grep -q "Font: ${cjk}\$"; then
  echo "font ${cjk} missing: apt-get install -y imagemagick fonts-noto-cjk" >&2
  exit 1
fi

# Air-conditioner display: bright segment-style code on a dark panel.
convert -size 480x240 xc:'#1b1f24' \
  -fill '#0b0d10' -draw 'roundrectangle 40,30 440,210 18,18' \
  -font "$cjk_bold" -pointsize 130 -fill '#5ff0ff' -gravity center -annotate +0+0 'E4' \
  "${strip[@]}" "$out/ac-display-e4.png"

# Water-heater panel: a message and its code on one line, full-width colon as printed on Chinese panels.
convert -size 720x160 xc:'#e9ece8' \
  -font "$cjk" -pointsize 32 -fill '#202020' -gravity west -annotate +24+0 '温度过高请联系维修 Code：E-107' \
  "${strip[@]}" "$out/water-heater-e107.png"

# The same panel photographed: slightly turned, soft and noisy, saved as JPEG (tests the rotated crop
# and the JPEG decoder).
convert "$out/water-heater-e107.png" -background '#d8dbd6' -rotate 4 -blur 0x0.8 \
  -seed 7 -attenuate 0.4 +noise Gaussian -quality 88 -strip "$out/water-heater-e107-photo.jpg"

# Two codes glued together as OCR reads them.
convert -size 520x120 xc:white \
  -font "$cjk" -pointsize 40 -fill black -gravity west -annotate +20+0 'E4故障ErrorF21' \
  "${strip[@]}" "$out/mixed-e4-f21.png"

# ID-like card (fictional person and number; the number's check character is correct).
convert -size 856x540 xc:'#eef3f7' \
  -font "$cjk" -pointsize 30 -fill '#1a1a1a' \
  -annotate +60+90 '姓名  王小明' \
  -annotate +60+160 '性别  男      民族  汉' \
  -annotate +60+230 '出生  1990 年 3 月 7 日' \
  -annotate +60+300 '住址  北京市东城区示例路1号' \
  -font "$cjk_bold" -pointsize 34 -annotate +60+450 '公民身份号码  110101199003072818' \
  "${strip[@]}" "$out/id-card.png"

# Passport-like data lines (fictional).
convert -size 760x260 xc:'#f4f1ea' \
  -font "$cjk" -pointsize 30 -fill '#1a1a1a' \
  -annotate +40+60 '护照 PASSPORT' \
  -annotate +40+140 'Name: ZHANG SAN' \
  -annotate +40+220 'Passport No.: E12345678' \
  "${strip[@]}" "$out/passport.png"

# Nothing to read: the engine must return no lines.
convert -size 320x240 xc:'#808080' "${strip[@]}" "$out/blank.png"

echo "fixtures written to $out"

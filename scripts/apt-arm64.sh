#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Run apt-get/apt-cache against arm64 package lists kept in a private dir in
# the cache, so the system's dpkg architectures and apt state stay untouched.
#   apt-arm64.sh apt-get|apt-cache <args...>
set -euo pipefail
. "$(dirname "$0")/lib.sh"

d=$(axa_cache_dir)/apt-arm64
mkdir -p "$d/lists/partial" "$d/cache/archives/partial"
touch "$d/status"
tool=$1
shift
exec "$tool" -o APT::Sandbox::User=root -o APT::Architecture=arm64 -o APT::Architectures::=arm64 \
	-o Dir::State::Lists="$d/lists" -o Dir::Cache="$d/cache" \
	-o Dir::State::status="$d/status" "$@"

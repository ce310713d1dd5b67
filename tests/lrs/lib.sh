# tests/lrs/lib.sh: a real xAPI LRS for the tests of workshop send.
#
# Source it after tests/e2e/lib.sh and e2e_init, then:
#   lrs_install DIR        npm ci the pinned LRS (package-lock.json) into DIR,
#                          once per lock file (under a lock, so parallel tests
#                          share it); exits 77 (skipped) when npm cannot
#                          reach its registry, or node or npm is missing
#   lrs_start NAME [PORT]  start an LRS (its files in $E2E_TMP/NAME) on
#                          127.0.0.1 (a free port, or PORT), requiring the
#                          Basic pair in $LRS_AUTH; wait until GET /xAPI/about
#                          answers.  Sets LRS_PID, LRS_PORT, LRS_URL and
#                          LRS_POSTS (its log of POSTs).  Extra environment
#                          for the server: LRS_ENV="NAME=VALUE ...".
#   lrs_stop               stop the last LRS started (by its pid)
#   lrs_check URL EXPECTED.json   node check.js: read statements back by id
#                          ("found N of M; the LRS holds T statements");
#                          LRS_CA names a certificate to trust for https
# Every LRS started is stopped by its pid when the test exits.

LRS_SRC=$E2E_SRC/tests/lrs
LRS_PIDS=
LRS_AUTH=$E2E_TMP/lrs-auth
printf 'workshop-test:%s\n' "pw-$$-correct-horse" >"$LRS_AUTH"
chmod 600 "$LRS_AUTH"
trap 'lrs_stop_all; e2e_cleanup' EXIT
trap 'exit 1' INT TERM

lrs_stop_all() {
	for p in $LRS_PIDS; do
		kill "$p" 2>/dev/null
	done
	LRS_PIDS=
}

# lrs_skip REASON: say so and exit with CTest's skip code.
lrs_skip() {
	echo "SKIP: $1; the tests of workshop send against a real LRS did not run"
	exit 77
}

lrs_install() {
	LRS_DIR=$1
	command -v node >/dev/null 2>&1 || lrs_skip "node is not installed"
	command -v npm >/dev/null 2>&1 || lrs_skip "npm is not installed"
	mkdir -p "$LRS_DIR"
	want=$(cat "$LRS_SRC/package.json" "$LRS_SRC/package-lock.json" | sha256sum)
	(
		flock 9
		[ "$(cat "$LRS_DIR/.installed" 2>/dev/null)" = "$want" ] && exit 0
		rm -f "$LRS_DIR/.installed"
		cp "$LRS_SRC/package.json" "$LRS_SRC/package-lock.json" "$LRS_DIR/"
		if ! out=$(cd "$LRS_DIR" && npm_config_fetch_retries=1 \
			npm_config_fetch_timeout=30000 npm ci --ignore-scripts \
			--no-audit --no-fund 2>&1); then
			echo "$out" | tail -n 8
			if echo "$out" | grep -Eq 'ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ECONNRESET|EHOSTUNREACH|ENETUNREACH|ERR_SOCKET|network'; then
				exit 77
			fi
			exit 1
		fi
		echo "$want" >"$LRS_DIR/.installed"
	) 9>"$LRS_DIR.lock"
	case $? in
	0) ;;
	77) lrs_skip "npm cannot reach its registry to install the LRS" ;;
	*) echo "FAIL: npm ci of the LRS in $LRS_DIR"; exit 1 ;;
	esac
	# npm may need a proxy; workshop send and curl must talk to 127.0.0.1
	# directly, never through one.
	unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
	export no_proxy=127.0.0.1 NO_PROXY=127.0.0.1
}

lrs_start() {
	name=$1
	dir=$E2E_TMP/$name
	mkdir -p "$dir"
	rm -f "$dir/port"
	(
		cd "$dir" || exit 1
		# shellcheck disable=SC2086
		exec env MODELS_REPO=memory STORAGE_REPO=local AUTH_REPO=test \
			EVENTS_REPO=test EXPRESS_PORT="${2:-0}" \
			WINSTON_CONSOLE_LEVEL=error LRS_AUTH_FILE="$LRS_AUTH" \
			LRS_PORT_FILE="$dir/port" LRS_LOG="$dir/posts" \
			NODE_PATH="$LRS_DIR/node_modules" ${LRS_ENV:-} \
			node "$LRS_SRC/lrs.js" >>"$dir/out" 2>&1
	) &
	LRS_PID=$!
	LRS_PIDS="$LRS_PIDS $LRS_PID"
	LRS_POSTS=$dir/posts
	i=0
	while [ ! -s "$dir/port" ] && [ "$i" -lt 600 ]; do
		kill -0 "$LRS_PID" 2>/dev/null || break
		sleep 0.05
		i=$((i + 1))
	done
	LRS_PORT=$(cat "$dir/port" 2>/dev/null)
	scheme=http
	case ${LRS_ENV:-} in *LRS_TLS_CERT*) scheme=https ;; esac
	LRS_URL=$scheme://127.0.0.1:$LRS_PORT/xAPI
	if [ -z "$LRS_PORT" ] || ! curl -sfk -o /dev/null --max-time 10 "$LRS_URL/about"; then
		echo "FAIL: the LRS did not start"
		cat "$dir/out"
		exit 1
	fi
}

lrs_stop() {
	kill "$LRS_PID" 2>/dev/null
	wait "$LRS_PID" 2>/dev/null
}

lrs_check() {
	# shellcheck disable=SC2086
	env ${LRS_CA:+NODE_EXTRA_CA_CERTS=$LRS_CA} \
		node "$LRS_SRC/check.js" "$1" "$LRS_AUTH" "$2"
}

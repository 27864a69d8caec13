#!/usr/bin/env bash
# The README's walk-through, executed and checked: so that the README cannot drift from the service.
#
#   bash e2e/readme-walkthrough.sh        # root (apt-get, runuser), after ./mvnw -B package (or verify)
#
# It takes the ```bash blocks of README.md from "## A walk through the API (dev mode)" to the end of its Webhooks
# part, in order, and runs their commands one by one in one bash shell against the packaged jar
# (BENCH_APP_JAR, default target/quarkus-app/quarkus-run.jar) in prod mode on a free loopback port, with a private
# PostgreSQL (bench/lib.sh). The jar is set up as dev mode is, as far as the walk-through needs: the bootstrap client
# and secret of the dev profile (application.properties), the environments of src/main/resources/dev-environments.json,
# private webhook targets allowed, and the management audience the README asks for. Before running, every
# http://localhost:8080 becomes the app's base URL, and `RECEIVER_PORT=<n>` a free port.
#
# The answer each command must give is the README's convention (see README.md, "A walk through the API"): the
# comment lines right under a command hold an optional status line (`# 404`; without one every request the command
# makes must answer 2xx), optional response headers (`# Location: …`), then the body, JSON with `…` wildcards or
# lines of text. A command must also exit 0 (a curl ended by its own --max-time, 28, counts as 0) and use no shell
# variable that no earlier command assigned.
#
# Prints one line per command ("ok"/"FAIL", README line, command), details under a failure, and closes with
# "N passed, N failed" alone on a line; exits non-zero if any command failed. Every wait is bounded (each curl has a
# --max-time, the README's loops a fixed count), everything listens on 127.0.0.1 only, and everything started here
# is stopped on exit.
#
# Environment: BENCH_APP_JAR; WALKTHROUGH_README (default: README.md of this repository); WALKTHROUGH_TIMEOUT (300 s,
# the whole walk-through); WALKTHROUGH_KEEP=1 keeps the temp dir (as BENCH_KEEP_TMP does), with app.log and each
# command's output and answer under walkthrough/steps/.
set -euo pipefail

E2E_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$E2E_DIR/.." && pwd)"
# shellcheck source=../bench/lib.sh
source "$REPO_ROOT/bench/lib.sh"
# shellcheck source=../.mvn/jdk.sh
source "$REPO_ROOT/.mvn/jdk.sh"

README="${WALKTHROUGH_README:-$REPO_ROOT/README.md}"
[[ -z "${WALKTHROUGH_KEEP:-}" ]] || export BENCH_KEEP_TMP=1
[[ -f "$README" ]] || bench_die "$README not found"

WT_RUNNER_PID=""
wt_running() { # true while process $1 exists and is not a zombie
    [[ -r "/proc/$1/status" ]] && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null
}
wt_stop_runner() {
    [[ -n "$WT_RUNNER_PID" ]] || return 0
    local pid="$WT_RUNNER_PID" i
    WT_RUNNER_PID=""
    # The runner is a process group of its own (timeout makes it one): this stops it and whatever the walk-through
    # started in the background (the webhook receiver) when the run is cut short.
    kill -TERM -- "-$pid" 2>/dev/null || true
    for (( i = 0; i < 100; i++ )); do
        wt_running "$pid" || break
        sleep 0.1
    done
    kill -KILL -- "-$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

bench_init
BENCH_CLEANUP_HOOKS+=(wt_stop_runner)
bench_apt_install "jq:jq" "python3:python3"
landlord_find_jdk
export PATH="$JAVA_HOME/bin:$PATH"

# --- what dev mode has (application.properties, dev-environments.json) ---------------------------------------------
PROPS="$REPO_ROOT/src/main/resources/application.properties"
dev_default() { # the default of a %dev setting written as ${ENV_VAR:default}
    sed -n "s/^%dev\.$1=\${[A-Z_]*:\(.*\)}\$/\1/p" "$PROPS" | head -n 1
}
BENCH_CLIENT_ID="$(dev_default 'landlord\.bootstrap\.client-id')"
BENCH_CLIENT_SECRET="$(dev_default 'landlord\.bootstrap\.client-secret')"
[[ -n "$BENCH_CLIENT_ID" && -n "$BENCH_CLIENT_SECRET" ]] || bench_die "no dev bootstrap client in $PROPS"
BENCH_ENVIRONMENTS_FILE="$REPO_ROOT/src/main/resources/dev-environments.json"
[[ -f "$BENCH_ENVIRONMENTS_FILE" ]] || bench_die "$BENCH_ENVIRONMENTS_FILE not found"

# --- ports: the app's is fixed before the start, since the management audience names it ---------------------------
WT_APP_PORT="$(bench_free_port "${BENCH_APP_PORT_BASE:-18080}")"
BENCH_APP_PORT_BASE="$WT_APP_PORT"
WT_BASE_URL="http://$BENCH_HOST:$WT_APP_PORT"
bench_alloc_port WT_RECEIVER_PORT 19990

WT_DIR="$BENCH_TMP/walkthrough"
WT_STEPS="$WT_DIR/steps"
WT_WORK="$WT_DIR/walk"
mkdir -p "$WT_STEPS" "$WT_WORK" "$WT_DIR/calls"

# --- the README's commands and their answers -------------------------------------------------------------------------
cat >"$WT_DIR/parse.py" <<'PY'
"""Split the walk-through's bash blocks into commands, each with the comment lines right under it (its answer)."""
import json, os, re, subprocess, sys

readme, out_dir, base_url, receiver_port = sys.argv[1:5]
lines = open(readme, encoding="utf-8").read().split("\n")

start = next((i for i, l in enumerate(lines) if l.startswith("## A walk through the API")), None)
if start is None:
    sys.exit('README: no "## A walk through the API" section')
hooks = next((i for i in range(start, len(lines)) if lines[i].startswith("### Webhooks")), None)
if hooks is None:
    sys.exit('README: no "### Webhooks" part in the walk-through')
end = next((i for i in range(hooks + 1, len(lines)) if lines[i].startswith("## ")), len(lines))


def rewrite(text):
    text = text.replace("http://localhost:8080", base_url)
    return re.sub(r"^RECEIVER_PORT=\d+$", "RECEIVER_PORT=" + receiver_port, text, flags=re.M)


def complete(text):
    if text.endswith("\\"):
        return False
    return subprocess.run(["bash", "-n", "-c", text], capture_output=True).returncode == 0


NAME = r"[A-Za-z_][A-Za-z0-9_]*"


def used_variables(cmd):
    """Shell variables a command reads and does not assign itself (single-quoted text is not expanded)."""
    code = re.sub(r"'[^']*'", "''", cmd)
    assigned = set(re.findall(r"(?:^|[\s;&|(])(" + NAME + r")=", code))
    assigned |= set(re.findall(r"\bfor\s+(" + NAME + r")\s+in\b", code))
    for names in re.findall(r"\bread\s+(?:-\w+\s+)*((?:" + NAME + r"\s*)+)", code):
        assigned |= set(names.split())
    used = re.findall(r"\$\{?(" + NAME + ")", code)
    return sorted({v for v in used if v not in assigned})


steps = []
in_block = False
pending = None          # [first line number, original lines] of a command being read
last = None             # the step whose answer the next comment lines are
for number, line in enumerate(lines[start:end], start + 1):
    if not in_block:
        if line.strip() == "```bash":
            in_block, last = True, None
        continue
    if line.strip() == "```":
        if pending:
            sys.exit(f"README line {pending[0]}: the command does not end before its block does")
        in_block, last = False, None
        continue
    if pending:
        pending[1].append(line)
        text = "\n".join(pending[1])
        if complete(text):
            last = {"line": pending[0], "original": text, "cmd": rewrite(text), "answer": []}
            steps.append(last)
            pending = None
        continue
    stripped = line.strip()
    if not stripped:
        last = None
    elif stripped.startswith("#"):
        if last is not None:
            last["answer"].append(rewrite(re.sub(r"^\s*# ?", "", line).rstrip()))
    else:
        pending = [number, [line]]
        text = line
        if complete(text):
            last = {"line": number, "original": text, "cmd": rewrite(text), "answer": []}
            steps.append(last)
            pending = None
if in_block:
    sys.exit("README: the walk-through's last bash block is not closed")
if not steps:
    sys.exit("README: no commands in the walk-through")

for index, step in enumerate(steps, 1):
    prefix = os.path.join(out_dir, f"{index:03d}")
    with open(prefix + ".cmd", "w", encoding="utf-8") as f:
        f.write(step["cmd"] + "\n")
    with open(prefix + ".answer", "w", encoding="utf-8") as f:
        f.write("\n".join(step["answer"]) + ("\n" if step["answer"] else ""))
    with open(prefix + ".meta", "w", encoding="utf-8") as f:
        show = " ".join(step["original"].split())
        f.write(f"{step['line']}\n{show[:110] + ('…' if len(show) > 110 else '')}\n")
        f.write(" ".join(used_variables(step["cmd"])) + "\n")
        f.write(" ".join(sorted(set(re.findall(r"\$(" + NAME + ")", "\n".join(step["answer"]))))) + "\n")
print(len(steps))
PY

cat >"$WT_DIR/check.py" <<'PY'
"""Check one command's outcome against its answer in the README. Prints nothing when it matches, else the reasons."""
import glob, json, os, re, sys

answer_file, stdout_file, calls_dir, rc, max_time = sys.argv[1:6]
rc = int(rc)
ANY, MORE = "\u0000ANY", "\u0000MORE"
problems = []


def short(value, limit=300):
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[:limit] + "…"


def variable(name, in_json):
    value = os.environ.get("WTV_" + name)
    if value is None:
        problems.append(f"the answer names ${name}, which no command assigned")
        return ""
    return json.dumps(value)[1:-1] if in_json else value


def substitute(text, in_json):
    return re.sub(r"\$([A-Za-z_][A-Za-z0-9_]*)", lambda m: variable(m.group(1), in_json), text)


def glob_match(pattern, text):
    return re.fullmatch(".*".join(re.escape(p) for p in pattern.split("…")), text, re.S) is not None


# --- the README's answer: status, headers, body ----------------------------------------------------------------------
lines = open(answer_file, encoding="utf-8").read().split("\n")
while lines and not lines[-1].strip():
    lines.pop()
status = None
headers = []
if lines and re.fullmatch(r"[1-5]\d\d( .*)?", lines[0]):
    status = int(lines.pop(0)[:3])
while lines and re.match(r"[A-Z][A-Za-z0-9-]*: ", lines[0]):
    name, value = lines.pop(0).split(": ", 1)
    headers.append((name, substitute(value.strip(), False)))
body = lines


def to_json(pattern_text):
    """The answer's JSON with its wildcards: a bare … is ANY as a value and a MORE member in an object."""
    out, stack, i, in_string = [], [], 0, False
    while i < len(pattern_text):
        c = pattern_text[i]
        if in_string:
            out.append(c)
            if c == "\\":
                out.append(pattern_text[i + 1])
                i += 1
            elif c == '"':
                in_string = False
        elif c == '"':
            in_string = True
            out.append(c)
        elif c in "{[":
            stack.append(c)
            out.append(c)
        elif c in "}]":
            if stack:
                stack.pop()
            out.append(c)
        elif c == "…":
            before = "".join(out).rstrip()[-1:]
            if stack and stack[-1] == "{" and before in ("{", ","):
                out.append('"\\u0000MORE":0')
            else:
                out.append('"\\u0000ANY"')
        else:
            out.append(c)
        i += 1
    return "".join(out)


def match(p, a, path):
    if p == ANY:
        return None
    if isinstance(p, dict):
        if not isinstance(a, dict):
            return f"{path}: an object expected, got {short(a)}"
        for key, value in p.items():
            if key == MORE:
                continue
            if key not in a:
                return f"{path}.{key}: missing (got {short(a)})"
            error = match(value, a[key], f"{path}.{key}")
            if error:
                return error
        extra = sorted(set(a) - set(p))
        if extra and MORE not in p:
            return f"{path}: members the README does not show: {', '.join(extra)} (got {short(a)})"
        return None
    if isinstance(p, list):
        if not isinstance(a, list):
            return f"{path}: an array expected, got {short(a)}"
        return match_elements(p, a, path, 0, 0)
    if isinstance(p, str):
        if not isinstance(a, str):
            return f"{path}: a string expected, got {short(a)}"
        if "…" in p:
            return None if glob_match(p, a) else f"{path}: {short(a)} is not {p}"
        return None if p == a else f"{path}: {short(a)} where the README shows {short(p)}"
    if type(p) is not type(a) and not (isinstance(p, (int, float)) and isinstance(a, (int, float))
                                       and not isinstance(p, bool) and not isinstance(a, bool)):
        return f"{path}: {short(a)} where the README shows {short(p)}"
    return None if p == a else f"{path}: {short(a)} where the README shows {short(p)}"


def match_elements(ps, xs, path, i, j):
    if i == len(ps):
        return None if j == len(xs) else f"{path}: {len(xs)} elements, more than the README shows ({short(xs)})"
    if ps[i] == ANY:
        for k in range(j, len(xs) + 1):
            if match_elements(ps, xs, path, i + 1, k) is None:
                return None
        return f"{path}: no way to match {short(xs)}"
    if j == len(xs):
        return f"{path}: {len(xs)} elements, fewer than the README shows"
    return match(ps[i], xs[j], f"{path}[{j}]") or match_elements(ps, xs, path, i + 1, j + 1)


def match_text(ps, xs, i=0, j=0):
    if i == len(ps):
        return j == len(xs)
    if ps[i] == "…":
        return any(match_text(ps, xs, i + 1, k) for k in range(j, len(xs) + 1))
    return j < len(xs) and glob_match(ps[i], xs[j]) and match_text(ps, xs, i + 1, j + 1)


# --- what happened -----------------------------------------------------------------------------------------------------
if rc != 0 and not (rc == 28 and max_time == "1"):
    problems.append(f"exit status {rc}")

calls = []
for path in sorted(glob.glob(os.path.join(calls_dir, "*"))):
    blocks = re.split(r"\r?\n\r?\n", open(path, encoding="utf-8", errors="replace").read().strip())
    code, fields = None, {}
    for block in blocks:
        first, *rest = block.splitlines() or [""]
        m = re.match(r"HTTP/\S+ (\d{3})", first)
        if m:
            code, fields = int(m.group(1)), {}
            for field in rest:
                if ":" in field:
                    k, v = field.split(":", 1)
                    fields[k.strip().lower()] = v.strip()
    calls.append((code, fields))

if status is not None and not calls:
    problems.append(f"the README shows status {status}, but the command made no HTTP request")
for n, (code, _) in enumerate(calls):
    want = status if (status is not None and n == len(calls) - 1) else None
    if code is None:
        problems.append(f"request {n + 1} of {len(calls)}: no HTTP response")
    elif want is not None and code != want:
        problems.append(f"status {code} where the README shows {want}")
    elif want is None and not 200 <= code < 300:
        problems.append(f"request {n + 1} of {len(calls)}: status {code}, and the README shows no status"
                        if len(calls) > 1 else f"status {code}, and the README shows no status (so a 2xx)")
for name, value in headers:
    got = calls[-1][1].get(name.lower()) if calls else None
    if got is None:
        problems.append(f"header {name}: missing")
    elif not glob_match(value, got):
        problems.append(f"header {name}: {got} is not {value}")

stdout = open(stdout_file, encoding="utf-8", errors="replace").read()
if body and body[0].lstrip().startswith(("{", "[")):
    text = substitute("\n".join(body), True)
    try:
        pattern, end = json.JSONDecoder().raw_decode(to_json(text).strip())
        rest = to_json(text).strip()[end:]
        if rest.strip() and not (rest.startswith("  ") and "\n" not in rest.strip()):
            problems.append(f"the README's answer has text after its JSON that is not a remark: {short(rest.strip())}")
    except json.JSONDecodeError as e:
        pattern = None
        problems.append(f"the README's answer is not JSON: {e}")
    if pattern is not None:
        try:
            actual = json.loads(stdout)
        except json.JSONDecodeError:
            actual = None
            problems.append(f"the answer is not JSON: {short(stdout.strip()) or '(empty)'}")
        if actual is not None:
            error = match(pattern, actual, "$")
            if error:
                problems.append(error)
elif body:
    want = [substitute(l, False) for l in body if l.strip()]
    got = [l for l in stdout.split("\n") if l.strip()]
    if not match_text(want, got):
        problems.append("the output is not the README's:\n      README: " + "\n              ".join(want)
                        + "\n      output: " + "\n              ".join(short(l, 200) for l in got[:20]))

for p in problems:
    print(p)
sys.exit(1 if problems else 0)
PY

cat >"$WT_DIR/runner.sh" <<'SH'
# The walk-through's shell: runs the commands in order, each checked as soon as it ends.
# No errexit/nounset here, as in the reader's shell; unset variables are checked before each command instead.
WT_PASSED=0
WT_FAILED=0
trap 'kill $(jobs -p) 2>/dev/null' EXIT
trap 'exit 143' TERM INT

# Every curl of the walk-through is bounded, and its response headers are kept (one file per request) for the check.
curl() {
    command curl --connect-timeout 5 --max-time 20 -D "$WT_CALLS/${EPOCHREALTIME/./}.$BASHPID" "$@"
}

cd "$WT_WORK" || exit 1
for wt_cmd_file in "$WT_STEPS"/*.cmd; do
    wt_step="${wt_cmd_file%.cmd}"
    { read -r wt_line; read -r wt_show; read -r -a wt_used; read -r -a wt_answer_vars; } <"$wt_step.meta"
    wt_n="${wt_step##*/}"
    wt_problems=""
    wt_missing=()
    for wt_v in "${wt_used[@]}"; do
        [[ -v $wt_v ]] || wt_missing+=("\$$wt_v")
    done
    if (( ${#wt_missing[@]} )); then
        wt_problems="not run: it uses ${wt_missing[*]}, which no earlier command assigned"
    else
        rm -f "$WT_CALLS"/*
        eval "$(<"$wt_cmd_file")" >"$wt_step.out" 2>"$wt_step.err" </dev/null
        wt_rc=$?
        wt_env=()
        for wt_v in "${wt_answer_vars[@]}"; do
            [[ -v $wt_v ]] && wt_env+=("WTV_$wt_v=${!wt_v}")
        done
        wt_max_time=0
        [[ "$(<"$wt_cmd_file")" == *--max-time* ]] && wt_max_time=1
        wt_problems="$(env "${wt_env[@]}" python3 "$WT_CHECK" "$wt_step.answer" "$wt_step.out" "$WT_CALLS" \
            "$wt_rc" "$wt_max_time" 2>&1)" || [[ -n "$wt_problems" ]] || wt_problems="the check failed"
    fi
    if [[ -z "$wt_problems" ]]; then
        WT_PASSED=$(( WT_PASSED + 1 ))
        printf 'ok    %s  %s:%-4s %s\n' "$wt_n" "$WT_README_NAME" "$wt_line" "$wt_show"
    else
        WT_FAILED=$(( WT_FAILED + 1 ))
        printf 'FAIL  %s  %s:%-4s %s\n' "$wt_n" "$WT_README_NAME" "$wt_line" "$wt_show"
        printf '%s\n' "$wt_problems" | sed 's/^/      /'
        if [[ -s "$wt_step.err" ]]; then
            printf '      stderr: %s\n' "$(tail -c 400 "$wt_step.err" | tr '\n' ' ')"
        fi
    fi
    echo "$WT_PASSED $WT_FAILED" >"$WT_STEPS/counts"
done
printf '%d passed, %d failed\n' "$WT_PASSED" "$WT_FAILED"
(( WT_FAILED == 0 && WT_PASSED > 0 ))
SH

WT_COUNT="$(python3 "$WT_DIR/parse.py" "$README" "$WT_STEPS" "$WT_BASE_URL" "$WT_RECEIVER_PORT")" \
    || bench_die "could not read the walk-through from $README"
bench_log "$WT_COUNT commands in the walk-through of $README"

# --- the packaged app, as dev mode has it ----------------------------------------------------------------------------
bench_pg_start
bench_gen_signing_key
export LANDLORD_MANAGEMENT_AUDIENCE="$WT_BASE_URL"       # the README's audience, http://localhost:8080, rewritten
export LANDLORD_WEBHOOKS_ALLOW_PRIVATE_TARGETS=true      # as %dev: the walk-through's receiver is on loopback
bench_app_start
[[ "$BENCH_APP_URL" == "$WT_BASE_URL" ]] || bench_die "port $WT_APP_PORT was taken meanwhile; run again"
bench_app_wait_ready
bench_log "ready in ${BENCH_READY_MS} ms at $BENCH_APP_URL"

# --- the walk-through, in one shell of its own ---------------------------------------------------------------------
# A clean environment (nothing of this script's variables leaks into the README's commands); a process group of its
# own, made by timeout, which ends the whole walk-through (what it started in the background too) after
# WALKTHROUGH_TIMEOUT seconds; output on this script's stdout.
WT_TIMEOUT="${WALKTHROUGH_TIMEOUT:-300}"
WT_STATUS=0
echo "0 0" >"$WT_STEPS/counts"
timeout --kill-after=10 "$WT_TIMEOUT" env -i PATH="$PATH" HOME="$HOME" LANG=C.UTF-8 TERM=dumb \
    WT_README_NAME="$(basename "$README")" WT_STEPS="$WT_STEPS" WT_WORK="$WT_WORK" WT_CALLS="$WT_DIR/calls" \
    WT_CHECK="$WT_DIR/check.py" bash "$WT_DIR/runner.sh" </dev/null &
WT_RUNNER_PID=$!
wait "$WT_RUNNER_PID" || WT_STATUS=$?
WT_RUNNER_PID=""
if (( WT_STATUS == 124 || WT_STATUS == 137 )); then
    read -r WT_PASSED WT_FAILED <"$WT_STEPS/counts"
    echo "FAIL  the walk-through did not end within ${WT_TIMEOUT} s (WALKTHROUGH_TIMEOUT); stopped after $(( WT_PASSED + WT_FAILED )) of $WT_COUNT commands"
    echo "$WT_PASSED passed, $(( WT_FAILED + 1 )) failed"
fi
exit "$WT_STATUS"

"""Splits a `perf record -g` profile of throughput-harness children by stage and thread.

Record (JIT frames need the perf map, and W^X off so that perf sees them as anonymous code):
    DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 perf record -F 300 -g -o perf.data -- \
        benchmarks/LogFlux.Sinks.Throughput/bin/Release/net10.0/LogFlux.Sinks.Throughput --modes paced --reps 1 --outage off ...
    perf script -i perf.data -F pid,tid,comm,ip,sym,dso > perf.txt
Then:
    python3 perf_split.py perf.txt [N]              per child: share of samples per stage (+ top N caller frames)
    python3 perf_split.py perf.txt --stage PID NAME  one stage of one child: self and inclusive frames

A sample belongs to the logging thread when the harness's ChildRun loop is nearer the leaf than its control client;
otherwise to the nearest-to-leaf frame that matches RULES. Shares are of the child's whole lifetime (start-up and
warm-up included); libcoreclr has no symbols, so GC and allocation helpers land in the stage that called them.
"""
"""Per-process, per-thread and per-stage split of `perf script -F pid,tid,comm,ip,sym,dso` output,
resolving JIT frames from /tmp/perf-PID.map (W^X double mapping hides them from perf)."""
import sys, bisect, re, collections, os
path = sys.argv[1]
maps = {}
def load(pid):
    if pid in maps: return maps[pid]
    starts, ends, names = [], [], []
    fn = f"/tmp/perf-{pid}.map"
    rows = []
    if os.path.exists(fn):
        for line in open(fn, errors="replace"):
            p = line.rstrip("\n").split(" ", 2)
            if len(p) < 3: continue
            try: s = int(p[0], 16); n = int(p[1], 16)
            except ValueError: continue
            rows.append((s, s + n, p[2]))
    rows.sort()
    maps[pid] = ([r[0] for r in rows], rows)
    return maps[pid]
def resolve(pid, ip, sym, dso):
    if sym != "[unknown]": return sym, dso
    starts, rows = load(pid)
    i = bisect.bisect_right(starts, ip) - 1
    if i >= 0 and rows[i][0] <= ip < rows[i][1]: return rows[i][2], "jit"
    return "[unknown]", dso
samples = []
cur = None
hdr = re.compile(r"^(\S.*?)\s+(\d+)/(\d+)\s*$")
fr = re.compile(r"^\s+([0-9a-f]+)\s+(.*?)\s+\((.*)\)\s*$")
for line in open(path, errors="replace"):
    m = hdr.match(line)
    if m:
        cur = [m.group(1).strip(), int(m.group(2)), int(m.group(3)), []]; samples.append(cur); continue
    m = fr.match(line)
    if m and cur is not None:
        cur[3].append(resolve(cur[1], int(m.group(1), 16), m.group(2), m.group(3)))
def leafcat(frames):
    if not frames: return "other"
    sym, dso = frames[0]
    d = os.path.basename(dso)
    if "libcrypto" in d or "libssl" in d: return "libcrypto (AES-GCM)"
    if "libcoreclr" in d or "libclrjit" in d: return "runtime (" + d + ")"
    if "kernel" in d or dso.startswith("[kernel"): return "kernel"
    if "libc.so" in d or "libpthread" in d: return "libc"
    if "libSystem" in d: return "native shims (" + d + ")"
    if dso == "jit" or "System.Private.CoreLib" in d or d.endswith(".dll"): return "managed"
    return d or "other"
STAGES = [("aes", ["AesGcm", "libcrypto"]), ("json", ["EntryJsonWriter", "Utf8JsonWriter"]), ("gzip/crc", ["Gzip", "Crc32"]),
          ("multipart", ["MultipartWriter"]), ("encoder other", ["BatchEncoder"]),
          ("http client", ["System.Net.Http", "HttpClient", "HttpConnection", "SocketsHttpHandler"]),
          ("sockets", ["System.Net.Sockets", "SocketAsyncEngine", "SocketAsyncContext"]),
          ("kestrel/receiver", ["Kestrel", "LeanIngest", "Microsoft.AspNetCore"]),
          ("queue/pipeline", ["SendPipeline", "PriorityEntryQueue", "FlushTracker", "DeliveryLedger"]),
          ("serilog", ["Serilog"]), ("nlog", ["NLog"]), ("log4net", ["log4net"])]
def stage(frames):
    names = " ".join(s for s, _ in frames) + " " + " ".join(d for _, d in frames)
    for name, keys in STAGES:
        if any(k in names for k in keys): return name
    return "other"


RULES = [("encode: AES-GCM (managed + OpenSSL)", ["AesGcm::Encrypt", "Interop+Crypto", "AesAEAD", "AesGcm::"]),
         ("encode: JSON", ["EntryJsonWriter", "LogFluxAttributeWriter", "DeferredLogEvent", "CapturedLogEvent", "Utf8JsonWriter", "Utf16Text", "Rfc3339", "PooledCharWriter"]),
         ("encode: gzip + CRC", ["Gzip::", "Crc32"]), ("encode: multipart", ["MultipartWriter"]),
         ("encode: other (batch, nonce, buffers)", ["BatchEncoder", "NonceSource", "PooledBufferWriter", "EncodedBatch"]),
         ("sender: settle (ledger, flush tracker)", ["FlushTracker", "DeliveryLedger", "SettleSent", "PipelineCounters"]),
         ("sender: take batch (queue)", ["PriorityEntryQueue", "TakeBatch"]),
         ("sender: wait/wake", ["WaitUntilBatchReady", "AsyncSignal"]),
         ("HTTP client (request, headers, connection)", ["System.Net.Http", "OwnRequestScopeHandler", "LogFluxTransport", "HttpContent", "System.Private.Uri"]),
         ("sockets", ["System.Net.Sockets"]),
         ("sender: pipeline other", ["SendPipeline", "SessionSource"])]
def role(frames):
    names = [s for s, _ in frames]
    def first(key):
        for i, x in enumerate(names):
            if key in x: return i
        return 10**6
    c, k = first("ChildRun"), first("ControlClient")
    if c < k: return "caller"
    if k < c: return "harness control client"
    if frames and ("libcrypto" in frames[0][1]): return "encode: AES-GCM (managed + OpenSSL)"
    for sym, dso in frames:
        for name, keys in RULES:
            if any(x in sym for x in keys): return name
    return None

def overview(topn):
    bypid = collections.defaultdict(list)
    for s in samples: bypid[s[1]].append(s)
    for pid, ss in sorted(bypid.items(), key=lambda kv: -len(kv[1])):
        n = len(ss)
        peer = "?"
        for s in ss:
            j = " ".join(x for x, _ in s[3])
            m = re.search(r"Peers\.(\w+)::Log\(", j)
            if m: peer = m.group(1); break
        if any("Seq" in x for s in ss[:3000] for x, _ in s[3]): peer += "/seq?"
        cats = collections.Counter()
        for s in ss:
            thread = "main" if s[2] == s[1] else s[0]
            r = role(s[3])
            if r is None:
                if thread == ".NET Tiered Com": r = "JIT (tiering thread)"
                elif thread == ".NET BGC": r = "GC (background thread)"
                else:
                    lc = leafcat(s[3])
                    r = "unattributed: " + lc
            cats[r] += 1
        print(f"\n=== pid {pid} [{peer}] {n} samples")
        for k, v in cats.most_common(20): print(f"   {100*v/n:5.1f}%  {k}")
        callers = [s for s in ss if role(s[3]) == "caller"]
        if callers and topn > 0:
            caller_frames(callers, topn)


def caller_frames(callers, topn):
    """The logging thread: inclusive frames of the logging frameworks, the adapters and the core, and each sample
    charged to its nearest such frame (runtime helpers such as allocation and GC count for the frame that called them)."""
    lib = re.compile(r"\[(LogFlux|Serilog|NLog|log4net)")
    def clean(x): return re.sub(r"\[[^\]]*\]$", "", x)
    top = collections.Counter(); owner = collections.Counter()
    for s in callers:
        seen = set(); charged = False
        for sym, dso in s[3]:
            if not lib.search(sym) or "Throughput" in sym: continue
            c = clean(sym)
            if not charged: owner[c] += 1; charged = True
            if c not in seen: seen.add(c); top[c] += 1
    n = len(callers)
    print(f"   logging thread, inclusive ({n} samples):")
    for k, v in top.most_common(topn): print(f"     {100*v/n:5.1f}%  {k[:170]}")
    print(f"   logging thread, charged to the nearest framework/adapter/core frame:")
    for k, v in owner.most_common(topn): print(f"     {100*v/n:5.1f}%  {k[:170]}")


def one_stage(pid, want, leafn=15):
    ss = [s for s in samples if s[1] == pid and role(s[3]) == want]
    print(len(ss), "samples of", want)
    def clean(x): return re.sub(r"\[[^\]]*\]$", "", x)
    leaf = collections.Counter(); owner = collections.Counter(); incl = collections.Counter()
    for s in ss:
        sym, dso = s[3][0]
        leaf[clean(sym) if sym != "[unknown]" else os.path.basename(dso)] += 1
        for sym, dso in s[3]:
            if re.search(r"\[(LogFlux|Serilog|NLog|log4net)", sym):
                owner[clean(sym)] += 1; break
        seen = set()
        for sym, dso in s[3]:
            c = clean(sym)
            if re.search(r"\[(LogFlux|Serilog|NLog|log4net)", c) and c not in seen: seen.add(c); incl[c] += 1
    n = len(ss) or 1
    print("-- self (leaf)"); [print(f"  {100*v/n:5.1f}% {k[:160]}") for k, v in leaf.most_common(leafn)]
    print("-- nearest library/adapter frame (self + runtime helpers it calls)"); [print(f"  {100*v/n:5.1f}% {k[:160]}") for k, v in owner.most_common(20)]
    print("-- inclusive library/adapter frames"); [print(f"  {100*v/n:5.1f}% {k[:160]}") for k, v in incl.most_common(25)]


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[2] == "--stage":
        one_stage(int(sys.argv[3]), sys.argv[4])
    else:
        overview(int(sys.argv[2]) if len(sys.argv) > 2 else 0)

# Static pacewatch stand-in: N regions x 1 indicator, all BEHIND (status 3, growth gap -1.5 %).
import sys, time, http.server
n, port = int(sys.argv[1]), int(sys.argv[2])
inst_lines = [
 '# TYPE process_start_time_seconds gauge', f'process_start_time_seconds {time.time()-3600:.0f}',
 'kafka_stream_client_state{application_id="pacewatch",client_id="c1",process_id="p1"} 2',
 'pacewatch_broker_reachable 1',
 'pacewatch_indicator_info{indicator="INDUSTRIAL_VALUE_ADDED",indicator_name="Industrial value added above designated size",indicator_name_zh="规模以上工业增加值",unit="亿元"} 1',
]
for i in range(n):
    r = f"r{i:05d}"
    inst_lines.append(f'pacewatch_region_info{{region="{r}",name_zh="区{i}",name_en="District {i}",parent="p{i//100}",level="district"}} 1')
    sel = f'region="{r}",indicator="INDUSTRIAL_VALUE_ADDED",year="2026"'
    inst_lines.append(f'pacewatch_pace_status{{{sel}}} 3')
    inst_lines.append(f'pacewatch_growth_gap_ratio{{{sel}}} -0.015')
    inst_lines.append(f'pacewatch_release_overdue{{{sel}}} 0')
body = ("\n".join(inst_lines) + "\n").encode()
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200); self.send_header("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        self.send_header("Content-Length", str(len(body))); self.end_headers(); self.wfile.write(body)
    def log_message(self, *a): pass
http.server.ThreadingHTTPServer(("127.0.0.1", port), H).serve_forever()

#!/usr/bin/env python3
"""A GSM modem emulator on a pseudo-terminal, for SmsPortal's modem tests (standard library only).

    socat -d -d pty,raw,echo=0,link=DIR/modem pty,raw,echo=0,link=DIR/adapter &
    python3 emulator.py --device DIR/modem [--pin 1234] [--sim ready|pin|absent|failure]

It speaks the AT commands a real modem answers (PDU mode), answers AT+CMGS with +CMGS: <mr> and
sends an unsolicited +CDS status report after a delay; incoming SMS are injected as +CMT or
+CMTI (read with AT+CMGR, deleted with AT+CMGD). It prints "READY <port>" once its control HTTP
server listens on 127.0.0.1:<port>:

    GET  /sent                    every SMS-SUBMIT received, decoded (JSON list)
    GET  /messages                the submits joined by their concatenation UDH (JSON list)
    GET  /commands                every command line received
    POST /incoming?from=&text=&mode=cmt|cmti   a handset's SMS (split with UDH when long)
    POST /report?mr=&status=      an unsolicited +CDS for a reference
    POST /raw?data=               bytes as they are (\r and \n written as such), e.g. garbage
    POST /fault?cms=N&count=1&after=0   the next CMGS (after that many good ones) answers +CMS ERROR: N (cms=0: ERROR)
    POST /fault?silent=1&count=1  the next CMGS takes the PDU and never answers
    POST /config?receipt_delay_ms=&receipt_status=&sim=&csq=
Numbers ending in 0000 are receipted with status 0x41 (permanent failure), others 0x00.
"""

import argparse
import json
import os
import sys
import termios
import threading
import time
import tty
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

GSM7 = ("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
        "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")
GSM7_EXT = {0x0A: "\f", 0x14: "^", 0x28: "{", 0x29: "}", 0x2F: "\\", 0x3C: "[", 0x3D: "~", 0x3E: "]", 0x40: "|", 0x65: "€"}
GSM7_EXT_REV = {v: k for k, v in GSM7_EXT.items()}


def gsm7_septets(text):
    out = []
    for ch in text:
        if ch in GSM7_EXT_REV:
            out += [0x1B, GSM7_EXT_REV[ch]]
        elif ch in GSM7 and ch != "\x1b":
            out.append(GSM7.index(ch))
        else:
            return None
    return out


def pack7(septets, fill_bits=0):
    acc, nbits, out = 0, fill_bits, bytearray()
    for s in septets:
        acc |= (s & 0x7F) << nbits
        nbits += 7
        while nbits >= 8:
            out.append(acc & 0xFF)
            acc >>= 8
            nbits -= 8
    if nbits > 0:
        out.append(acc & 0xFF)
    return bytes(out)


def unpack7(data, count, fill_bits=0):
    septets = []
    bitpos = fill_bits
    for _ in range(count):
        byte, bit = divmod(bitpos, 8)
        value = data[byte] >> bit
        if bit > 1 and byte + 1 < len(data):
            value |= data[byte + 1] << (8 - bit)
        septets.append(value & 0x7F)
        bitpos += 7
    return septets


def septets_text(septets):
    text, esc = [], False
    for s in septets:
        if esc:
            text.append(GSM7_EXT.get(s, " "))
            esc = False
        elif s == 0x1B:
            esc = True
        else:
            text.append(GSM7[s])
    return "".join(text)


def decode_address(data, pos):
    digits = data[pos]
    toa = data[pos + 1]
    octets = (digits + 1) // 2
    raw = data[pos + 2:pos + 2 + octets]
    if toa & 0x70 == 0x50:
        number = septets_text(unpack7(raw, digits * 4 // 7))
    else:
        number = "".join("%x%x" % (b & 0x0F, b >> 4) for b in raw)[:digits]
        if toa & 0x70 == 0x10:
            number = "+" + number
    return number, pos + 2 + octets


def encode_address(number):
    toa = 0x81
    if number.startswith("+"):
        number, toa = number[1:], 0x91
    padded = number + ("F" if len(number) % 2 else "")
    swapped = "".join(padded[i + 1] + padded[i] for i in range(0, len(padded), 2))
    return bytes([len(number), toa]) + bytes.fromhex(swapped)


def skip_smsc(data, tpdu_length):
    """PDUs from a modem may carry the SMSC address first: skip it when the lengths say so."""
    if tpdu_length is not None and len(data) == tpdu_length:
        return data
    return data[1 + data[0]:]


def decode_submit(pdu_hex, tpdu_length):
    data = skip_smsc(bytes.fromhex(pdu_hex), tpdu_length)
    first = data[0]
    if first & 0x03 != 0x01:
        raise ValueError("not an SMS-SUBMIT")
    pos = 2
    to, pos = decode_address(data, pos)
    pid, dcs = data[pos], data[pos + 1]
    pos += 2
    vpf = (first >> 3) & 0x03
    vp = None
    if vpf == 2:
        vp = data[pos]
        pos += 1
    elif vpf in (1, 3):
        pos += 7
    udl = data[pos]
    ud = data[pos + 1:]
    udh, concat = b"", None
    header_octets = 0
    if first & 0x40:
        udhl = ud[0]
        udh = ud[1:1 + udhl]
        header_octets = udhl + 1
        i = 0
        while i + 1 < len(udh):
            iei, iel = udh[i], udh[i + 1]
            value = udh[i + 2:i + 2 + iel]
            if iei == 0x00 and iel == 3:
                concat = {"ref": value[0], "total": value[1], "seq": value[2]}
            elif iei == 0x08 and iel == 4:
                concat = {"ref": value[0] << 8 | value[1], "total": value[2], "seq": value[3]}
            i += 2 + iel
    coding = "gsm7"
    if dcs & 0xC0 == 0x00:
        coding = {0: "gsm7", 1: "8bit", 2: "ucs2"}.get((dcs >> 2) & 0x03, "gsm7")
    elif dcs & 0xF0 == 0xF0:
        coding = "8bit" if dcs & 0x04 else "gsm7"
    if coding == "gsm7":
        header_septets = (header_octets * 8 + 6) // 7
        fill = header_septets * 7 - header_octets * 8
        septets = unpack7(ud, udl, 0)
        if header_octets:
            septets = unpack7(ud[header_octets:], udl - header_septets, fill)
        text = septets_text(septets)
    elif coding == "ucs2":
        text = ud[header_octets:udl].decode("utf-16-be", errors="replace")
    else:
        text = ud[header_octets:udl].hex()
    return {"to": to, "text": text, "dcs": dcs, "pid": pid, "coding": coding,
            "statusReport": bool(first & 0x20), "validity": vp, "concat": concat, "pdu": pdu_hex}


def scts_now():
    t = time.gmtime()
    digits = "%02d%02d%02d%02d%02d%02d00" % (t.tm_year % 100, t.tm_mon, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec)
    return bytes.fromhex("".join(digits[i + 1] + digits[i] for i in range(0, 14, 2)))


SMSC = encode_address("+8613800100500")[1:]
SMSC_PREFIX = bytes([len(SMSC)]) + SMSC


def deliver_pdus(sender, text, ref):
    septets = gsm7_septets(text)
    if septets is not None:
        units, single, per_part, coding = septets, 160, 153, "gsm7"
    else:
        units, single, per_part, coding = list(text.encode("utf-16-be")), 140, 134, "ucs2"
    chunks = []
    if len(units) <= single:
        chunks = [units]
    else:
        i = 0
        while i < len(units):
            end = min(i + per_part, len(units))
            if coding == "gsm7" and end < len(units) and units[end - 1] == 0x1B:
                end -= 1
            if coding == "ucs2" and end < len(units) and 0xD8 <= units[end - 2] <= 0xDB:
                end -= 2
            chunks.append(units[i:end])
            i = end
    pdus = []
    for seq, chunk in enumerate(chunks, 1):
        udh = b"" if len(chunks) == 1 else bytes([5, 0, 3, ref & 0xFF, len(chunks), seq])
        first = 0x04 | (0x40 if udh else 0)
        if coding == "gsm7":
            header_septets = (len(udh) * 8 + 6) // 7
            fill = header_septets * 7 - len(udh) * 8
            ud = udh + pack7(chunk, fill)
            udl = header_septets + len(chunk)
            dcs = 0x00
        else:
            ud = udh + bytes(chunk)
            udl = len(ud)
            dcs = 0x08
        tpdu = bytes([first]) + encode_address(sender) + bytes([0x00, dcs]) + scts_now() + bytes([udl]) + ud
        pdus.append((len(tpdu), (SMSC_PREFIX + tpdu).hex().upper()))
    return pdus


def status_report_pdu(mr, recipient, status):
    tpdu = bytes([0x06, mr & 0xFF]) + encode_address(recipient) + scts_now() + scts_now() + bytes([status & 0xFF])
    return len(tpdu), (SMSC_PREFIX + tpdu).hex().upper()


class Modem:
    def __init__(self, device, pin, sim):
        self.fd = os.open(device, os.O_RDWR | os.O_NOCTTY)
        try:
            tty.setraw(self.fd)
            attrs = termios.tcgetattr(self.fd)
            attrs[3] &= ~termios.ECHO
            termios.tcsetattr(self.fd, termios.TCSANOW, attrs)
        except termios.error:
            pass
        self.lock = threading.RLock()
        self.echo = True
        self.cmee = 0
        self.pin = pin
        self.sim = sim  # ready | pin | absent | failure
        self.csq = 21
        self.cmgf = 0
        self.cnmi = "0,0,0,0,0"
        self.csms = 0
        self.mr = 0
        self.receipt_delay = 0.2
        self.receipt_status = None
        self.faults = []
        self.sent = []
        self.commands = []
        self.storage = {}
        self.pending_urc = []
        self.busy = False
        self.incoming_ref = 0

    # --- output ---
    def write(self, text):
        with self.lock:
            os.write(self.fd, text.encode("latin-1", errors="replace"))

    def final(self, result):
        self.write("\r\n%s\r\n" % result)

    def ok(self, *lines):
        self.write("".join("\r\n%s\r\n" % line for line in lines) + "\r\nOK\r\n")

    def cme(self, code, text):
        self.final("+CME ERROR: %s" % (text if self.cmee == 2 else code) if self.cmee else "ERROR")

    def cms(self, code):
        self.final("+CMS ERROR: %d" % code if self.cmee else "ERROR")

    def urc(self, text):
        with self.lock:
            if self.busy:
                self.pending_urc.append(text)
            else:
                self.write(text)

    def flush_urcs(self):
        with self.lock:
            self.busy = False
            pending, self.pending_urc = self.pending_urc, []
            for text in pending:
                self.write(text)

    # --- input ---
    def run(self):
        buffer = b""
        pdu_length = None
        while True:
            try:
                chunk = os.read(self.fd, 4096)
            except OSError:
                return
            if not chunk:
                return
            buffer += chunk
            while True:
                if pdu_length is not None:
                    end = min((i for i in (buffer.find(b"\x1a"), buffer.find(b"\x1b")) if i >= 0), default=-1)
                    if end < 0:
                        break
                    pdu, terminator, buffer = buffer[:end], buffer[end:end + 1], buffer[end + 1:]
                    if self.echo:
                        self.write(pdu.decode("latin-1"))
                    length, pdu_length = pdu_length, None
                    with self.lock:
                        self.busy = True
                    try:
                        if terminator == b"\x1b":
                            self.ok()
                        else:
                            self.submit(pdu.decode("latin-1").strip(), length)
                    finally:
                        self.flush_urcs()
                    continue
                end = buffer.find(b"\r")
                if end < 0:
                    break
                line, buffer = buffer[:end].decode("latin-1"), buffer[end + 1:]
                line = line.strip("\n\x00\x1b\x1a ")
                if not line:
                    continue
                if self.echo:
                    self.write(line + "\r")
                with self.lock:
                    self.busy = True
                try:
                    pdu_length = self.command(line)
                finally:
                    if pdu_length is None:
                        self.flush_urcs()

    def command(self, line):
        self.commands.append(line)
        upper = line.upper()
        if not upper.startswith("AT"):
            self.final("ERROR")
            return None
        body = upper[2:]
        sim_ready = self.sim == "ready"
        if body in ("", "Z", "&F", "E0V1", "V1", "Q0", "&C1", "&D2", "+CMEE?"):
            if body == "+CMEE?":
                self.ok("+CMEE: %d" % self.cmee)
            else:
                self.ok()
        elif body in ("E0", "E1"):
            self.echo = body == "E1"
            self.ok()
        elif body in ("I", "+CGMI", "+GMI"):
            self.ok("SmsPortal") if body != "I" else self.ok("SmsPortal Modem Emulator", "Revision: 1.0")
        elif body in ("+CGMM", "+GMM"):
            self.ok("EMU900")
        elif body in ("+CGMR", "+GMR"):
            self.ok("1.0.0")
        elif body in ("+CGSN", "+GSN"):
            self.ok("356938035643809")
        elif body == "+CIMI":
            self.ok("460001234567890") if sim_ready else self.cme(10, "SIM not inserted")
        elif body.startswith("+CMEE="):
            self.cmee = int(body[6:] or "0")
            self.ok()
        elif body == "+CPIN?":
            if self.sim == "absent":
                self.cme(10, "SIM not inserted")
            elif self.sim == "failure":
                self.cme(13, "SIM failure")
            elif self.sim == "pin":
                self.ok("+CPIN: SIM PIN")
            else:
                self.ok("+CPIN: READY")
        elif body.startswith("+CPIN="):
            given = line[8:].strip().strip('"')
            if self.sim == "pin" and self.pin is not None and given == self.pin:
                self.sim = "ready"
                self.ok()
            elif self.sim == "ready":
                self.cme(3, "operation not allowed")
            else:
                self.cme(16, "incorrect password")
        elif body == "+CSQ":
            self.ok("+CSQ: %d,99" % self.csq)
        elif body == "+CSQ=?":
            self.ok("+CSQ: (0-31,99),(0-7,99)")
        elif body == "+CMGF?":
            self.ok("+CMGF: %d" % self.cmgf)
        elif body == "+CMGF=?":
            self.ok("+CMGF: (0)")
        elif body.startswith("+CMGF="):
            if body[6:] == "0":
                self.cmgf = 0
                self.ok()
            else:
                self.cms(303)
        elif body.startswith("+CNMI="):
            self.cnmi = body[6:]
            self.ok()
        elif body == "+CNMI?":
            self.ok("+CNMI: %s" % self.cnmi)
        elif body == "+CNMI=?":
            self.ok("+CNMI: (0-2),(0-3),(0,2),(0-2),(0,1)")
        elif body.startswith("+CSMS="):
            self.csms = int(body[6:] or "0")
            self.ok("+CSMS: 1,1,1")
        elif body == "+CSMS?":
            self.ok("+CSMS: %d,1,1,1" % self.csms)
        elif body.startswith("+CSCS"):
            self.ok('+CSCS: ("GSM","UCS2","IRA")') if body.endswith("=?") else (self.ok('+CSCS: "GSM"') if body.endswith("?") else self.ok())
        elif body.startswith("+CPMS"):
            if body.endswith("=?"):
                self.ok('+CPMS: ("SM"),("SM"),("SM")')
            else:
                used = len(self.storage)
                self.ok('+CPMS: "SM",%d,30,"SM",%d,30,"SM",%d,30' % (used, used, used) if body.endswith("?") else "+CPMS: %d,30,%d,30,%d,30" % (used, used, used))
        elif body.startswith("+CSCA"):
            self.ok('+CSCA: "+8613800100500",145') if body.endswith("?") else self.ok()
        elif body == "+CREG?":
            self.ok("+CREG: 0,1" if sim_ready else "+CREG: 0,0")
        elif body == "+COPS?":
            self.ok('+COPS: 0,0,"EMULATOR"' if sim_ready else "+COPS: 0")
        elif body.startswith("+CMGS="):
            if not sim_ready:
                self.cms(310 if self.sim == "absent" else 311)
                return None
            try:
                length = int(body[6:].split(",")[0])
            except ValueError:
                self.cms(304)
                return None
            self.write("\r\n> ")
            return length
        elif body.startswith("+CMGR="):
            index = int(body[6:] or "-1")
            if index not in self.storage:
                self.cms(321)
            else:
                length, pdu = self.storage[index]
                self.ok("+CMGR: 0,,%d\r\n%s" % (length, pdu))
        elif body.startswith("+CMGD="):
            index = int(body[6:].split(",")[0] or "-1")
            self.storage.pop(index, None)
            self.ok()
        elif body.startswith("+CMGL"):
            lines = ["+CMGL: %d,0,,%d\r\n%s" % (i, length, pdu) for i, (length, pdu) in sorted(self.storage.items())]
            self.ok(*lines)
        elif body.startswith("+CNMA"):
            self.ok()
        elif body.startswith("+CFUN"):
            self.ok("+CFUN: 1") if body.endswith("?") else (self.ok("+CFUN: (0,1,4),(0,1)") if body.endswith("=?") else self.ok())
        else:
            self.final("ERROR")
        return None

    def submit(self, pdu, length):
        if self.faults and self.faults[0].get("after", 0) > 0:
            self.faults[0]["after"] -= 1
        elif self.faults:
            fault = self.faults[0]
            fault["count"] -= 1
            if fault["count"] <= 0:
                self.faults.pop(0)
            if "silent" in fault:
                try:
                    self.sent.append(dict(decode_submit(pdu, length), mr=None, answered=False))
                except (ValueError, IndexError):
                    pass
                return
            if fault.get("cms", 0) == 0:
                self.final("ERROR")
            else:
                self.cms(fault["cms"])
            return
        try:
            decoded = decode_submit(pdu, length)
        except (ValueError, IndexError) as error:
            sys.stderr.write("bad PDU %s: %s\n" % (pdu, error))
            self.cms(304)
            return
        self.mr = (self.mr + 1) % 256
        mr = self.mr
        decoded["mr"] = mr
        decoded["answered"] = True
        self.sent.append(decoded)
        self.ok("+CMGS: %d" % mr)
        if decoded["statusReport"]:
            status = self.receipt_status
            if status is None:
                status = 0x41 if decoded["to"].endswith("0000") else 0x00
            timer = threading.Timer(self.receipt_delay, self.report, (mr, decoded["to"], status))
            timer.daemon = True
            timer.start()

    def report(self, mr, recipient, status):
        length, pdu = status_report_pdu(mr, recipient, status)
        self.urc("\r\n+CDS: %d\r\n%s\r\n" % (length, pdu))

    def incoming(self, sender, text, mode):
        self.incoming_ref = (self.incoming_ref + 1) % 256
        for length, pdu in deliver_pdus(sender, text, self.incoming_ref):
            if mode == "cmt":
                self.urc("\r\n+CMT: ,%d\r\n%s\r\n" % (length, pdu))
            else:
                index = next(i for i in range(1, 1000) if i not in self.storage)
                self.storage[index] = (length, pdu)
                self.urc('\r\n+CMTI: "SM",%d\r\n' % index)


def messages(sent):
    joined, parts = [], {}
    for s in sent:
        c = s.get("concat")
        if not c:
            joined.append({"to": s["to"], "text": s["text"], "parts": 1, "mrs": [s.get("mr")]})
            continue
        key = (s["to"], c["ref"], c["total"])
        parts.setdefault(key, {})[c["seq"]] = s
        if len(parts[key]) == c["total"]:
            ordered = [p for _, p in sorted(parts.pop(key).items())]
            joined.append({"to": s["to"], "text": "".join(p["text"] for p in ordered), "parts": c["total"],
                           "mrs": [p.get("mr") for p in ordered]})
    return joined


def serve(modem):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def answer(self, value, status=200):
            body = json.dumps(value, ensure_ascii=False).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            path = urllib.parse.urlparse(self.path).path
            if path == "/sent":
                self.answer(modem.sent)
            elif path == "/messages":
                self.answer(messages(modem.sent))
            elif path == "/commands":
                self.answer(modem.commands)
            else:
                self.answer({"error": "not found"}, 404)

        def do_POST(self):
            url = urllib.parse.urlparse(self.path)
            q = {k: v[-1] for k, v in urllib.parse.parse_qs(url.query, keep_blank_values=True).items()}
            try:
                if url.path == "/incoming":
                    modem.incoming(q["from"], q["text"], q.get("mode", "cmt"))
                elif url.path == "/raw":
                    modem.urc(q["data"].replace("\\r", "\r").replace("\\n", "\n"))
                elif url.path == "/report":
                    modem.report(int(q["mr"]), q.get("to", ""), int(q.get("status", "0"), 0))
                elif url.path == "/fault":
                    fault = {"count": int(q.get("count", "1")), "after": int(q.get("after", "0"))}
                    if q.get("silent"):
                        fault["silent"] = True
                    else:
                        fault["cms"] = int(q.get("cms", "500"))
                    modem.faults.append(fault)
                elif url.path == "/config":
                    if "receipt_delay_ms" in q:
                        modem.receipt_delay = int(q["receipt_delay_ms"]) / 1000.0
                    if "receipt_status" in q:
                        modem.receipt_status = int(q["receipt_status"], 0) if q["receipt_status"] else None
                    if "sim" in q:
                        modem.sim = q["sim"]
                    if "csq" in q:
                        modem.csq = int(q["csq"])
                else:
                    self.answer({"error": "not found"}, 404)
                    return
            except (KeyError, ValueError) as error:
                self.answer({"error": str(error)}, 400)
                return
            self.answer({"ok": True})

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server.server_address[1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--device", required=True)
    parser.add_argument("--pin")
    parser.add_argument("--sim", default="ready", choices=["ready", "pin", "absent", "failure"])
    parser.add_argument("--receipt-delay-ms", type=int, default=200)
    args = parser.parse_args()
    modem = Modem(args.device, args.pin, args.sim)
    modem.receipt_delay = args.receipt_delay_ms / 1000.0
    port = serve(modem)
    print("READY %d" % port, flush=True)
    modem.run()


if __name__ == "__main__":
    main()

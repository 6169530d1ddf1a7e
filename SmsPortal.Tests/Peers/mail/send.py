#!/usr/bin/env python3
"""A mail client for the SMTP door's tests, on Python's smtplib: walks one SMTP dialogue step by step and prints
every reply as one JSON line, so a test sees what a customer's system would see at each step.

  send.py --port 2525 --from a@b.cn --to 13800138000@sms.test [--to ...] --body TEXT
          [--subject S] [--charset utf-8|gbk] [--cte quoted-printable|base64|8bit] [--html]
          [--starttls] [--user API_ID --password KEY] [--force-auth] [--pad BYTES]
"""
import argparse
import base64
import json
import smtplib
import ssl
import sys
from email.message import EmailMessage


def reply(code, text):
    return [code, text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--from", dest="sender", required=True)
    p.add_argument("--to", action="append", required=True)
    p.add_argument("--subject", default="SMS")
    p.add_argument("--body", default="")
    p.add_argument("--charset", default="utf-8")
    p.add_argument("--cte", default="base64")
    p.add_argument("--html", action="store_true")
    p.add_argument("--starttls", action="store_true")
    p.add_argument("--user")
    p.add_argument("--password")
    p.add_argument("--force-auth", action="store_true", help="send AUTH PLAIN even when the server does not offer it")
    p.add_argument("--pad", type=int, default=0, help="add an attachment of this many bytes")
    a = p.parse_args()

    out = {}
    s = smtplib.SMTP(a.host, a.port, timeout=60)
    try:
        out["ehlo"] = reply(*s.ehlo("client.test"))
        out["auth_offered"] = s.has_extn("auth")
        if a.starttls:
            context = ssl.create_default_context()
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
            out["starttls"] = reply(*s.starttls(context=context))
            out["ehlo_tls"] = reply(*s.ehlo("client.test"))
            out["auth_offered"] = s.has_extn("auth")
        if a.user is not None:
            if a.force_auth or not out["auth_offered"]:
                token = base64.b64encode(("\0%s\0%s" % (a.user, a.password)).encode()).decode()
                out["auth"] = reply(*s.docmd("AUTH", "PLAIN " + token))
            else:
                try:
                    out["auth"] = reply(*s.login(a.user, a.password))
                except smtplib.SMTPAuthenticationError as e:
                    out["auth"] = reply(e.smtp_code, e.smtp_error)
        out["mail"] = reply(*s.mail(a.sender))
        out["rcpt"] = [reply(*s.rcpt(to)) for to in a.to]
        m = EmailMessage()
        m["From"] = a.sender
        m["To"] = ", ".join(a.to)
        m["Subject"] = a.subject
        if a.html:
            m.set_content(a.body, subtype="html", charset=a.charset, cte=a.cte)
        else:
            m.set_content(a.body, charset=a.charset, cte=a.cte)
        if a.pad:
            m.add_attachment(b"x" * a.pad, maintype="application", subtype="octet-stream", filename="pad.bin")
        if any(r[0] == 250 for r in out["rcpt"]):
            try:
                out["data"] = reply(*s.data(m.as_bytes()))
            except smtplib.SMTPDataError as e:
                out["data"] = reply(e.smtp_code, e.smtp_error)
            except smtplib.SMTPServerDisconnected as e:
                out["data"] = [0, "disconnected: %s" % e]
        try:
            s.quit()
        except smtplib.SMTPServerDisconnected:
            pass
    except smtplib.SMTPResponseException as e:
        out["error"] = reply(e.smtp_code, e.smtp_error)
    except (smtplib.SMTPException, OSError) as e:
        out["error"] = [0, str(e)]
    print(json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())

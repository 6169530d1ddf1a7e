#!/usr/bin/env python3
# A client in the style of the vendor's Python demo: urllib form POST, the XML answer read with
# ElementTree in the vendor's namespace. Only the host differs from the demo.
# Usage: python3 submit.py HOST ACCOUNT APIKEY MOBILE CODE [getnum|gbk]
import sys
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

host, account, apikey, mobile, code = sys.argv[1:6]
mode = sys.argv[6] if len(sys.argv) > 6 else 'submit'
ns = '{http://106.ihuyi.com/}'

if mode == 'getnum':
    data = urllib.parse.urlencode({'account': account, 'password': apikey}).encode('utf-8')
    request = urllib.request.Request(host + '/webservice/sms.php?method=GetNum', data=data)
    root = ET.fromstring(urllib.request.urlopen(request).read())
    print(root.find(ns + 'code').text, root.find(ns + 'msg').text, root.find(ns + 'num').text)
    sys.exit(0)

content = '您的验证码是：%s。请不要把验证码泄露给其他人。' % code
charset = 'gbk' if mode == 'gbk' else 'utf-8'
data = urllib.parse.urlencode({'account': account, 'password': apikey, 'mobile': mobile, 'content': content}, encoding=charset).encode('ascii')
request = urllib.request.Request(host + '/webservice/sms.php?method=Submit', data=data,
                                 headers={'Content-Type': 'application/x-www-form-urlencoded; charset=' + charset})
root = ET.fromstring(urllib.request.urlopen(request).read())
print(root.find(ns + 'code').text, root.find(ns + 'msg').text, root.find(ns + 'smsid').text)

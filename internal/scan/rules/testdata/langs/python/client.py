import ssl
from ssl import PROTOCOL_TLSv1  # ok "TF-PY-001"

import requests

ctx1 = ssl.SSLContext(ssl.PROTOCOL_TLSv1)  # want "TF-PY-001"
ctx2 = ssl.SSLContext(ssl.PROTOCOL_TLSv1_1)  # want "TF-PY-001"
ctx3 = ssl.SSLContext(PROTOCOL_TLSv1)  # want "TF-PY-001"
ctx4 = ssl.SSLContext(ssl.PROTOCOL_SSLv23)  # want "TF-PY-001"
ctx5 = ssl.SSLContext(ssl.PROTOCOL_SSLv3)  # want "TF-PY-001"
ok1 = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # ok "TF-PY-001"
# ctx = ssl.SSLContext(ssl.PROTOCOL_TLSv1)  # ok "TF-PY-001"
doc = "never use ssl.PROTOCOL_TLSv1"  # ok "TF-PY-001"
other = pyopenssl.PROTOCOL_TLSv1  # ok "TF-PY-001"

ctx = ssl.create_default_context()
ctx.minimum_version = ssl.TLSVersion.TLSv1  # want "TF-PY-002"
ctx.minimum_version = ssl.TLSVersion.TLSv1_1  # want "TF-PY-002"
ctx.maximum_version = ssl.TLSVersion.TLSv1_1  # want "TF-PY-002"
ctx.minimum_version = ssl.TLSVersion.TLSv1_2  # ok "TF-PY-002"
ctx.maximum_version = ssl.TLSVersion.TLSv1_3  # ok "TF-PY-002"
# ctx.minimum_version = ssl.TLSVersion.TLSv1  # ok "TF-PY-002"
note = "minimum_version = ssl.TLSVersion.TLSv1"  # ok "TF-PY-002"

r = requests.get("https://example.com", verify=False)  # want "TF-PY-003"
s = requests.Session()
s.verify = False  # want "TF-PY-003"
r = requests.get("https://example.com", verify=True)  # ok "TF-PY-003"
r = requests.get("https://example.com", verify="/etc/ca.pem")  # ok "TF-PY-003"
# requests.get(url, verify=False)  # ok "TF-PY-003"
msg = "pass verify=False to skip checks"  # ok "TF-PY-003"
verify = False  # ok "TF-PY-003"

ssl._create_default_https_context = ssl._create_unverified_context  # want "TF-PY-004"
u = ssl._create_unverified_context()  # want "TF-PY-004"
d = ssl.create_default_context()  # ok "TF-PY-004"
# ssl._create_unverified_context()  # ok "TF-PY-004"
m = "ssl._create_unverified_context is unsafe"  # ok "TF-PY-004"

ctx.check_hostname = False  # want "TF-PY-005"
ctx.check_hostname = True  # ok "TF-PY-005"
# ctx.check_hostname = False  # ok "TF-PY-005"
h = "check_hostname = False"  # ok "TF-PY-005"

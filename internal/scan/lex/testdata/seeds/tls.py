# Seed for FuzzTokenize.
import ssl
ctx = ssl.SSLContext(ssl.PROTOCOL_TLSv1)
ctx.minimum_version = ssl.TLSVersion.TLSv1_1
doc = """ssl.PROTOCOL_TLSv1 in a docstring"""
s = rb'\'' + f"{d["k"]} {{literal}}" + r"\"" + u'x'
requests.get(url, verify=False)  # comment

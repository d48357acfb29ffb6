// Seed for FuzzTokenize.
class Tls {
  String block = """
      SSLContext.getInstance("TLSv1") \""" still
      """;
  SSLContext ctx = SSLContext.getInstance("TLSv1.1");
  char c = '"';
  @Override public String toString() { return "x"; }
}

package example;

import java.security.Security;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

class Tls {
    void contexts() throws Exception {
        SSLContext a = SSLContext.getInstance("TLSv1"); // want "TF-JAVA-001"
        SSLContext b = SSLContext.getInstance("TLSv1.1"); // want "TF-JAVA-001"
        SSLContext c = SSLContext.getInstance("SSLv3"); // want "TF-JAVA-001"
        SSLContext d = SSLContext.getInstance("SSL"); // want "TF-JAVA-001"
        SSLContext e = SSLContext.getInstance("TLSv1.3"); // ok "TF-JAVA-001"
        SSLContext g = SSLContext.getInstance("TLS"); // ok "TF-JAVA-001"
        // SSLContext.getInstance("TLSv1"); // ok "TF-JAVA-001"
        String doc = "SSLContext.getInstance(\"TLSv1\") is insecure"; // ok "TF-JAVA-001"
    }

    void sockets(SSLSocket s) {
        s.setEnabledProtocols(new String[] {"TLSv1.2", "TLSv1.1"}); // want "TF-JAVA-002"
        s.setEnabledProtocols(new String[] {
            "TLSv1", // want "TF-JAVA-002"
            "TLSv1.2",
        });
        s.setEnabledProtocols(new String[] {"TLSv1.2", "TLSv1.3"}); // ok "TF-JAVA-002"
        // s.setEnabledProtocols(new String[] {"SSLv3"}); // ok "TF-JAVA-002"
        log("setEnabledProtocols(new String[] {\"TLSv1\"})"); // ok "TF-JAVA-002"
    }

    void properties() {
        System.setProperty("https.protocols", "TLSv1,TLSv1.1,TLSv1.2"); // want "TF-JAVA-003"
        System.setProperty("jdk.tls.client.protocols", "TLSv1.1"); // want "TF-JAVA-003"
        System.setProperty("jdk.tls.client.protocols", "TLSv1.2,TLSv1.3"); // ok "TF-JAVA-003"
        System.setProperty("app.note", "TLSv1"); // ok "TF-JAVA-003"
        // System.setProperty("https.protocols", "TLSv1"); // ok "TF-JAVA-003"
    }

    void disabled() {
        Security.setProperty("jdk.tls.disabledAlgorithms", "SSLv3, RC4, DES"); // want "TF-JAVA-004"
        Security.setProperty("jdk.tls.disabledAlgorithms", "SSLv3, TLSv1, RC4"); // want "TF-JAVA-004"
        Security.setProperty("jdk.tls.disabledAlgorithms", "SSLv3, TLSv1, TLSv1.1, RC4, DES"); // ok "TF-JAVA-004"
        Security.setProperty("jdk.tls.disabledAlgorithms", // ok "TF-JAVA-004"
            "SSLv3, " + "TLSv1, TLSv1.1, DTLSv1.0"); // ok "TF-JAVA-004"
        Security.setProperty("crypto.policy", "unlimited"); // ok "TF-JAVA-004"
        // Security.setProperty("jdk.tls.disabledAlgorithms", "RC4"); // ok "TF-JAVA-004"
    }

    static void log(String s) {}
}

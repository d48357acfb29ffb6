package example;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.X509TrustManager;

class TrustAll implements X509TrustManager {
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException { // want "TF-JAVA-005"
    }

    public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
}

class Pinning implements X509TrustManager {
    private final X509TrustManager delegate;

    Pinning(X509TrustManager d) { delegate = d; }

    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkClientTrusted(chain, authType);
    }

    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException { // ok "TF-JAVA-005"
        delegate.checkServerTrusted(chain, authType); // ok "TF-JAVA-005"
    }

    // public void checkServerTrusted(X509Certificate[] c, String a) {} // ok "TF-JAVA-005"
    public X509Certificate[] getAcceptedIssuers() { return delegate.getAcceptedIssuers(); }
}

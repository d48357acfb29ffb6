import java.io.FileInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * Connects to one tlsfloor handshake lab server with the JDK's default TLS
 * settings (SSLContext "TLS", which honours java.security and the
 * jdk.tls.* properties), trusting only the lab CA and checking the host.
 *
 * <p>Usage: java TlsProbe.java CA_FILE HOST PORT
 */
public class TlsProbe {
    public static void main(String[] args) {
        try {
            probe(args[0], args[1], Integer.parseInt(args[2]));
        } catch (Exception e) {
            System.err.println(e);
            System.exit(1);
        }
    }

    static void probe(String ca, String host, int port) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, trustOnly(ca), null);
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(host, port)) {
            SSLParameters p = s.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            s.setSSLParameters(p);
            s.setSoTimeout(10000);
            s.startHandshake();
            SSLSession session = s.getSession();
            System.out.println("tlsfloor-probe " + session.getProtocol() + " " + session.getCipherSuite() + " -");
            OutputStream out = s.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            s.getInputStream().transferTo(OutputStream.nullOutputStream());
        }
    }

    static javax.net.ssl.TrustManager[] trustOnly(String ca) throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        try (InputStream in = new FileInputStream(ca)) {
            ks.setCertificateEntry("lab", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        return tmf.getTrustManagers();
    }
}

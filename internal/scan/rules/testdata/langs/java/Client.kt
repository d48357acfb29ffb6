package example

import java.security.cert.X509Certificate
import javax.net.ssl.SSLContext
import javax.net.ssl.SSLSocket
import javax.net.ssl.X509TrustManager

fun configure(socket: SSLSocket) {
    val ctx = SSLContext.getInstance("TLSv1.1") // want "TF-JAVA-001"
    socket.enabledProtocols = arrayOf("TLSv1", "TLSv1.2") // want "TF-JAVA-002"
    socket.enabledProtocols = arrayOf("TLSv1.2", "TLSv1.3") // ok "TF-JAVA-002"
    System.setProperty("https.protocols", "SSLv3") // want "TF-JAVA-003"
}

object Trusting : X509TrustManager {
    override fun checkClientTrusted(chain: Array<X509Certificate>, authType: String) {}
    override fun checkServerTrusted(chain: Array<X509Certificate>, authType: String) {} // want "TF-JAVA-005"
    override fun getAcceptedIssuers(): Array<X509Certificate> = arrayOf()
}

package io.aiomisc.services.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * Key material made at test time (never committed): a self-signed EC certificate per identity, made by
 * {@code keytool} as a PKCS#12 store, then written out as PEM certificate and PKCS#8 PEM key (keytool cannot
 * export a private key). A self-signed certificate serves as its own CA for the other side's trust.
 */
final class TestKeys {
    static final char[] PASSWORD = "changeit".toCharArray();

    /** One identity: its PKCS#12 store, and the same certificate and key as PEM files. */
    record Identity(Path pkcs12, Path certificate, Path key) {
    }

    private TestKeys() {
    }

    /**
     * Makes an identity named {@code name} in {@code dir}, valid for localhost and 127.0.0.1.
     */
    static Identity make(Path dir, String name) throws IOException, GeneralSecurityException, InterruptedException {
        return make(dir, name, name);
    }

    /**
     * Makes an identity stored under {@code name} whose certificate says {@code CN=commonName}: an impostor with
     * another identity's name but its own key.
     */
    static Identity make(Path dir, String name, String commonName)
            throws IOException, GeneralSecurityException, InterruptedException {
        Path store = dir.resolve(name + ".p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", name, "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=" + commonName, "-ext", "san=dns:localhost,ip:127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, PASSWORD);
        }
        Certificate certificate = keyStore.getCertificate(name);
        Key key = keyStore.getKey(name, PASSWORD);
        Path certificatePem = dir.resolve(name + ".crt");
        Path keyPem = dir.resolve(name + ".key");
        Files.writeString(certificatePem, pem("CERTIFICATE", certificate.getEncoded()));
        Files.writeString(keyPem, pem("PRIVATE KEY", key.getEncoded()));
        return new Identity(store, certificatePem, keyPem);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

}

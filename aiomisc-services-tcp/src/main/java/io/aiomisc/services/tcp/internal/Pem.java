package io.aiomisc.services.tcp.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads PEM files: X.509 certificates, and unencrypted PKCS#8 private keys ({@code BEGIN PRIVATE KEY}). */
public final class Pem {
    private static final Pattern PRIVATE_KEY = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS");

    private Pem() {
    }

    /**
     * Reads every certificate in a PEM file, in file order (leaf first for a chain).
     *
     * @param file the file
     * @return at least one certificate
     * @throws IOException          if the file cannot be read
     * @throws CertificateException if it holds no certificate or a broken one
     */
    public static List<X509Certificate> certificates(Path file) throws IOException, CertificateException {
        byte[] bytes = Files.readAllBytes(file);
        List<X509Certificate> certificates = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(bytes)).stream()
                .map(X509Certificate.class::cast).toList();
        if (certificates.isEmpty()) {
            throw new CertificateException(file + " holds no PEM certificate");
        }
        return certificates;
    }

    /**
     * Reads an unencrypted PKCS#8 private key ({@code -----BEGIN PRIVATE KEY-----}) of any JDK algorithm.
     *
     * @param file the file
     * @return the key
     * @throws IOException              if the file cannot be read
     * @throws GeneralSecurityException if it holds no PKCS#8 key, or one of an algorithm the JDK does not know
     */
    public static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        Matcher matcher = PRIVATE_KEY.matcher(text);
        if (!matcher.find()) {
            throw new InvalidKeySpecException(file + " holds no unencrypted PKCS#8 key (-----BEGIN PRIVATE KEY-----)"
                    + "; convert it with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.pk8.pem");
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(matcher.group(1)));
        GeneralSecurityException last = null;
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw new InvalidKeySpecException(file + " holds a PKCS#8 key of none of the algorithms " + KEY_ALGORITHMS,
                last);
    }
}

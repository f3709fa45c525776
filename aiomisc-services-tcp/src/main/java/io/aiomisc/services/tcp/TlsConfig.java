package io.aiomisc.services.tcp;

import io.aiomisc.services.tcp.internal.Pem;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The TLS settings of a {@link TlsServer} or a TLS client: this side's certificate and key (PEM files, or a
 * PKCS#12 store), the CA certificates that peers' certificates must chain to, client authentication, protocols
 * (TLS 1.2 and 1.3 only) and cipher suites. Immutable and thread-safe.
 *
 * <pre>{@code
 * TlsConfig server = TlsConfig.builder()
 *         .certificate(Path.of("server.crt"), Path.of("server.key"))   // PEM chain, PKCS#8 key
 *         .trust(Path.of("clients-ca.crt"))
 *         .clientAuth(TlsConfig.ClientAuth.REQUIRED)
 *         .build();
 * }</pre>
 *
 * <p>Files are read when a service starts ({@link #newSslContext()}), not when the config is built, so a service
 * restarted after a certificate rotation picks up the new files, and a missing or broken file fails that start.
 */
public final class TlsConfig {
    /** Whether a server asks its clients for a certificate. */
    public enum ClientAuth {
        /** Clients are not asked for a certificate (the default). */
        NONE,
        /** Clients are asked; one that sends none is accepted, one that sends an untrusted one is refused. */
        OPTIONAL,
        /** Clients must present a certificate that chains to the trusted CAs. */
        REQUIRED
    }

    /** The protocols allowed, and the default: TLS 1.3 and TLS 1.2; older ones are never enabled. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /**
     * The default cipher suites: the TLS 1.3 suites, and for TLS 1.2 only ECDHE key exchange with AES-GCM or
     * ChaCha20-Poly1305 (forward secrecy, AEAD), the list aiomisc and Mozilla's "intermediate" profile use.
     */
    public static final List<String> DEFAULT_CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private final Path certificateChain;
    private final Path privateKey;
    private final Path pkcs12;
    private final char[] pkcs12Password;
    private final Path trust;
    private final ClientAuth clientAuth;
    private final List<String> protocols;
    private final List<String> cipherSuites;
    private final boolean verifyHostname;

    private TlsConfig(Builder builder) {
        this.certificateChain = builder.certificateChain;
        this.privateKey = builder.privateKey;
        this.pkcs12 = builder.pkcs12;
        this.pkcs12Password = builder.pkcs12Password;
        this.trust = builder.trust;
        this.clientAuth = builder.clientAuth;
        this.protocols = builder.protocols;
        this.cipherSuites = builder.cipherSuites;
        this.verifyHostname = builder.verifyHostname;
    }

    /**
     * Returns a new builder: no key material, the JDK's default CAs, {@link ClientAuth#NONE},
     * {@link #PROTOCOLS}, {@link #DEFAULT_CIPHER_SUITES}, host name verification on.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the files and builds a JDK TLS context; blocks while reading them.
     *
     * @return a new context with this side's key (if any) and the trusted CAs
     * @throws IOException              if a file cannot be read
     * @throws GeneralSecurityException if a certificate, key or store is broken, or the password is wrong
     */
    public SSLContext newSslContext() throws IOException, GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers(), trustManagers(), null);
        return context;
    }

    /**
     * Returns the parameters a server socket or engine of {@code context} uses: protocols, cipher suites (those
     * of {@link #cipherSuites()} that the JDK supports) and client authentication.
     *
     * @param context a context from {@link #newSslContext()}
     * @return new parameters
     * @throws IllegalStateException if the JDK supports none of the configured cipher suites
     */
    public SSLParameters serverParameters(SSLContext context) {
        SSLParameters parameters = common(context);
        parameters.setNeedClientAuth(clientAuth == ClientAuth.REQUIRED);
        if (clientAuth == ClientAuth.OPTIONAL) {
            parameters.setWantClientAuth(true);
        }
        return parameters;
    }

    /**
     * Returns the parameters a client socket or engine of {@code context} uses: as for the server, plus the
     * server name (SNI) and, if {@link #verifyHostname()}, verification that the server's certificate names
     * {@code host}.
     *
     * @param context a context from {@link #newSslContext()}
     * @param host    the server's host name or address literal
     * @return new parameters
     * @throws IllegalStateException if the JDK supports none of the configured cipher suites
     */
    public SSLParameters clientParameters(SSLContext context, String host) {
        SSLParameters parameters = common(context);
        if (verifyHostname) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (host != null && !host.isEmpty() && Character.isLetter(host.charAt(host.length() - 1))) {
            parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        return parameters;
    }

    private SSLParameters common(SSLContext context) {
        SSLParameters parameters = context.getDefaultSSLParameters();
        Set<String> supported = Set.of(context.getSupportedSSLParameters().getCipherSuites());
        String[] suites = cipherSuites.stream().filter(supported::contains).toArray(String[]::new);
        if (suites.length == 0) {
            throw new IllegalStateException("this JDK supports none of the configured cipher suites " + cipherSuites);
        }
        parameters.setProtocols(protocols.toArray(String[]::new));
        parameters.setCipherSuites(suites);
        parameters.setUseCipherSuitesOrder(true);
        return parameters;
    }

    private KeyManager[] keyManagers() throws IOException, GeneralSecurityException {
        KeyStore store;
        char[] password;
        if (pkcs12 != null) {
            store = KeyStore.getInstance("PKCS12");
            password = pkcs12Password.clone();
            try (InputStream in = Files.newInputStream(pkcs12)) {
                store.load(in, password);
            }
        } else if (certificateChain != null) {
            List<X509Certificate> chain = Pem.certificates(certificateChain);
            password = new char[0];
            store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("key", Pem.privateKey(privateKey), password, chain.toArray(Certificate[]::new));
        } else {
            return null;
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, password);
        Arrays.fill(password, '\0');
        return factory.getKeyManagers();
    }

    private TrustManager[] trustManagers() throws IOException, GeneralSecurityException {
        if (trust == null) {
            return null;
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int i = 0;
        for (X509Certificate certificate : Pem.certificates(trust)) {
            store.setCertificateEntry("ca-" + i++, certificate);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }

    /**
     * Tells whether this side has a certificate and key (a server needs them).
     *
     * @return true if PEM files or a PKCS#12 store were given
     */
    public boolean hasKeyMaterial() {
        return pkcs12 != null || certificateChain != null;
    }

    /**
     * Returns the client authentication a server asks for.
     *
     * @return the mode, {@link ClientAuth#NONE} by default
     */
    public ClientAuth clientAuth() {
        return clientAuth;
    }

    /**
     * Returns the enabled protocols.
     *
     * @return an immutable list, {@link #PROTOCOLS} by default
     */
    public List<String> protocols() {
        return protocols;
    }

    /**
     * Returns the configured cipher suites (those the JDK lacks are skipped when a context is used).
     *
     * @return an immutable list, {@link #DEFAULT_CIPHER_SUITES} by default
     */
    public List<String> cipherSuites() {
        return cipherSuites;
    }

    /**
     * Tells whether a client checks that the server's certificate names the host it connected to.
     *
     * @return true by default
     */
    public boolean verifyHostname() {
        return verifyHostname;
    }

    @Override
    public String toString() {
        return "TlsConfig[" + (pkcs12 != null ? "pkcs12=" + pkcs12 : certificateChain != null
                ? "certificate=" + certificateChain : "no key") + ", trust=" + (trust == null ? "JDK default" : trust)
                + ", clientAuth=" + clientAuth + ", protocols=" + protocols + "]";
    }

    /** Builds a {@link TlsConfig}; not thread-safe. Each setting may be set once. */
    public static final class Builder {
        private Path certificateChain;
        private Path privateKey;
        private Path pkcs12;
        private char[] pkcs12Password;
        private Path trust;
        private ClientAuth clientAuth = ClientAuth.NONE;
        private List<String> protocols = PROTOCOLS;
        private List<String> cipherSuites = DEFAULT_CIPHER_SUITES;
        private boolean verifyHostname = true;
        private boolean clientAuthSet;
        private boolean protocolsSet;
        private boolean cipherSuitesSet;

        private Builder() {
        }

        /**
         * Uses a PEM certificate chain (leaf first) and an unencrypted PKCS#8 PEM key
         * ({@code -----BEGIN PRIVATE KEY-----}) as this side's identity.
         *
         * @param certificateChain the certificates file
         * @param privateKey       the key file
         * @return this builder
         * @throws NullPointerException  if an argument is null
         * @throws IllegalStateException if the identity was already set (PEM or PKCS#12)
         */
        public Builder certificate(Path certificateChain, Path privateKey) {
            Objects.requireNonNull(certificateChain, "certificateChain");
            Objects.requireNonNull(privateKey, "privateKey");
            checkNoIdentity();
            this.certificateChain = certificateChain;
            this.privateKey = privateKey;
            return this;
        }

        /**
         * Uses the key entry of a PKCS#12 store as this side's identity.
         *
         * @param store    the store file
         * @param password the password of the store and of its key (copied)
         * @return this builder
         * @throws NullPointerException  if an argument is null
         * @throws IllegalStateException if the identity was already set (PEM or PKCS#12)
         */
        public Builder pkcs12(Path store, char[] password) {
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(password, "password");
            checkNoIdentity();
            this.pkcs12 = store;
            this.pkcs12Password = password.clone();
            return this;
        }

        /**
         * Trusts the CA certificates of a PEM file (instead of the JDK's default CAs) to verify peers.
         *
         * @param caCertificates the PEM file, one or more certificates
         * @return this builder
         * @throws NullPointerException  if the path is null
         * @throws IllegalStateException if it was already set
         */
        public Builder trust(Path caCertificates) {
            Objects.requireNonNull(caCertificates, "caCertificates");
            if (trust != null) {
                throw new IllegalStateException("trust was already set to " + trust);
            }
            this.trust = caCertificates;
            return this;
        }

        /**
         * Sets whether a server asks clients for a certificate.
         *
         * @param clientAuth the mode; default {@link ClientAuth#NONE}
         * @return this builder
         * @throws NullPointerException  if it is null
         * @throws IllegalStateException if it was already set
         */
        public Builder clientAuth(ClientAuth clientAuth) {
            Objects.requireNonNull(clientAuth, "clientAuth");
            if (clientAuthSet) {
                throw new IllegalStateException("clientAuth was already set to " + this.clientAuth);
            }
            clientAuthSet = true;
            this.clientAuth = clientAuth;
            return this;
        }

        /**
         * Restricts the protocols, for example to TLS 1.3 only (aiomisc's default).
         *
         * @param protocols some of {@link #PROTOCOLS}
         * @return this builder
         * @throws IllegalArgumentException if the list is empty or names another protocol
         * @throws IllegalStateException    if they were already set
         */
        public Builder protocols(String... protocols) {
            List<String> list = List.of(protocols);
            if (list.isEmpty() || !PROTOCOLS.containsAll(list)) {
                throw new IllegalArgumentException("protocols must be some of " + PROTOCOLS + ", was " + list);
            }
            if (protocolsSet) {
                throw new IllegalStateException("protocols were already set to " + this.protocols);
            }
            protocolsSet = true;
            this.protocols = list;
            return this;
        }

        /**
         * Replaces the cipher suites (JDK names, in order of preference).
         *
         * @param cipherSuites at least one
         * @return this builder
         * @throws IllegalArgumentException if the list is empty
         * @throws IllegalStateException    if they were already set
         */
        public Builder cipherSuites(String... cipherSuites) {
            List<String> list = List.of(cipherSuites);
            if (list.isEmpty()) {
                throw new IllegalArgumentException("cipherSuites must not be empty");
            }
            if (cipherSuitesSet) {
                throw new IllegalStateException("cipherSuites were already set to " + this.cipherSuites);
            }
            cipherSuitesSet = true;
            this.cipherSuites = list;
            return this;
        }

        /**
         * Sets whether a client verifies that the server's certificate names the host it connects to.
         *
         * @param verify default true; turn off only for certificates without the right names
         * @return this builder
         */
        public Builder verifyHostname(boolean verify) {
            this.verifyHostname = verify;
            return this;
        }

        /**
         * Builds the config; the files are read later, by {@link TlsConfig#newSslContext()}.
         *
         * @return the config
         * @throws IllegalStateException if client authentication is asked for without {@link #trust(Path)}: the
         *                               JDK's public CAs would then vouch for every client
         */
        public TlsConfig build() {
            if (clientAuth != ClientAuth.NONE && trust == null) {
                throw new IllegalStateException("clientAuth " + clientAuth + " needs trust(caCertificates): the CA "
                        + "that signs the client certificates");
            }
            return new TlsConfig(this);
        }

        private void checkNoIdentity() {
            if (certificateChain != null || pkcs12 != null) {
                throw new IllegalStateException("the certificate and key were already set (" + (pkcs12 != null
                        ? pkcs12 : certificateChain) + ")");
            }
        }
    }
}

package dev.exhibit.cli;

import dev.exhibit.testing.Proc;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A throw-away PostgreSQL cluster of Debian's {@code postgresql} package for tests: initdb and pg_ctl run as the
 * unprivileged user {@code nobody} (PostgreSQL refuses root) in a new temporary directory, on a free port of
 * 127.0.0.1; clients must use TLS ({@code hostssl} only) and a SCRAM password. {@link #close} stops it
 * ({@code -m immediate}) and deletes everything.
 */
final class PostgresCluster implements AutoCloseable {
    static final String USER = "exhibit";
    static final String PASSWORD = "s3cret 'quoted' pass";

    private final Path dir;
    private final Path data;
    private final Path bin;
    final int port;
    final Path certificate;

    private PostgresCluster(Path dir, Path bin, int port) {
        this.dir = dir;
        this.data = dir.resolve("data");
        this.bin = bin;
        this.port = port;
        this.certificate = dir.resolve("server.crt");
    }

    static PostgresCluster start() throws IOException {
        Path bin;
        try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            bin = versions.sorted().toList().getLast().resolve("bin");
        }
        Path dir = Files.createTempDirectory("exhibit-pg-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        PostgresCluster c = new PostgresCluster(dir, bin, port);
        c.init();
        return c;
    }

    private void init() throws IOException {
        Path pw = dir.resolve("pw");
        Files.writeString(pw, PASSWORD + "\n");
        Proc.run(
                        "openssl",
                        "req",
                        "-x509",
                        "-newkey",
                        "rsa:2048",
                        "-nodes",
                        "-days",
                        "1",
                        "-subj",
                        "/CN=localhost",
                        "-addext",
                        "subjectAltName=DNS:localhost",
                        "-keyout",
                        dir.resolve("server.key").toString(),
                        "-out",
                        certificate.toString())
                .ok();
        Proc.run("chown", "-R", "nobody", dir.toString()).ok();
        Proc.run("chmod", "600", dir.resolve("server.key").toString()).ok();
        asNobody(
                bin.resolve("initdb").toString(),
                "-D",
                data.toString(),
                "-U",
                USER,
                "--auth=scram-sha-256",
                "--pwfile=" + pw,
                "--locale=C",
                "-E",
                "UTF8");
        Files.writeString(
                data.resolve("postgresql.conf"),
                String.join(
                        "\n",
                        "port = " + port,
                        "listen_addresses = '127.0.0.1'",
                        "unix_socket_directories = '" + dir + "'",
                        "ssl = on",
                        "ssl_cert_file = '" + certificate + "'",
                        "ssl_key_file = '" + dir.resolve("server.key") + "'",
                        "max_connections = 40",
                        "fsync = off",
                        ""),
                java.nio.file.StandardOpenOption.APPEND);
        // TLS or nothing over TCP; the socket (for createdb) only to the cluster's own user
        Files.writeString(
                data.resolve("pg_hba.conf"),
                "local all " + USER + " trust\nhostssl all all 127.0.0.1/32 scram-sha-256\n");
        asNobody(
                bin.resolve("pg_ctl").toString(),
                "-D",
                data.toString(),
                "-l",
                dir.resolve("log").toString(),
                "-w",
                "start");
    }

    /** Creates an empty database. */
    void createDatabase(String name) {
        asNobody(
                bin.resolve("createdb").toString(), "-h", dir.toString(), "-p", String.valueOf(port), "-U", USER, name);
    }

    /** {@code psql -At -c SQL} on a database, over the socket. */
    String psql(String database, String sql) {
        return Proc.run(List.of(
                                "runuser",
                                "-u",
                                "nobody",
                                "--",
                                bin.resolve("psql").toString(),
                                "-h",
                                dir.toString(),
                                "-p",
                                String.valueOf(port),
                                "-U",
                                USER,
                                "-At",
                                "-d",
                                database,
                                "-c",
                                sql)
                        .toArray(String[]::new))
                .ok()
                .stdout();
    }

    /** The URL of a database, TLS with the server's certificate verified. */
    String url(String database) {
        return "postgresql://" + USER + "@localhost:" + port + "/" + database + "?sslmode=verify-full&sslrootcert="
                + certificate;
    }

    private void asNobody(String... command) {
        String[] full = new String[command.length + 4];
        full[0] = "runuser";
        full[1] = "-u";
        full[2] = "nobody";
        full[3] = "--";
        System.arraycopy(command, 0, full, 4, command.length);
        Proc.run(Path.of("/tmp"), List.of(full)).ok();
    }

    @Override
    public void close() {
        Proc.run(
                Path.of("/tmp"),
                List.of(
                        "runuser",
                        "-u",
                        "nobody",
                        "--",
                        bin.resolve("pg_ctl").toString(),
                        "-D",
                        data.toString(),
                        "-m",
                        "immediate",
                        "-w",
                        "stop"));
        Proc.run("rm", "-rf", dir.toString());
    }
}

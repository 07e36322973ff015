package dev.crmkit.cli.internal;

import dev.crmkit.core.StorageException;
import dev.crmkit.core.TenantId;
import dev.crmkit.core.permission.DirectoryUser;
import dev.crmkit.core.permission.UserDirectory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * The command line tool's own user directory: the usernames that may be representatives. In a
 * JDBC store it is the table {@code crm_cli_user}, which belongs to the tool, not to the
 * library's schema; in memory it lives as long as the process.
 */
public abstract class CliUsers implements UserDirectory {

    /** The user the tool acts as: the tenant's admin. */
    public static final String ADMIN = "admin";

    static CliUsers inMemory() {
        return new Memory();
    }

    static CliUsers inDatabase(DataSource ds) {
        return new Database(ds);
    }

    /** Adds a user; false if the tenant has one of that name already. */
    public abstract boolean add(TenantId tenant, String username);

    /** The usernames added to the tenant, sorted ({@link #ADMIN} is not one of them). */
    public abstract List<String> usernames(TenantId tenant);

    /** The tenant's users: the ones added, sorted, then {@link #ADMIN}. */
    @Override
    public List<DirectoryUser> list(TenantId tenant) {
        List<DirectoryUser> all = new ArrayList<>();
        for (String username : usernames(tenant)) {
            all.add(new DirectoryUser(username, username, Set.of(), false));
        }
        all.add(new DirectoryUser(ADMIN, ADMIN, Set.of(), true));
        return all;
    }

    @Override
    public Optional<DirectoryUser> find(TenantId tenant, String username) {
        if (ADMIN.equals(username)) {
            return Optional.of(new DirectoryUser(ADMIN, ADMIN, Set.of(), true));
        }
        return usernames(tenant).contains(username)
                ? Optional.of(new DirectoryUser(username, username, Set.of(), false))
                : Optional.empty();
    }

    /** Checks a username: 1..64 characters, no white space or control characters. */
    public static String checkUsername(String username) {
        if (username == null || username.isEmpty() || username.length() > 64) {
            throw new IllegalArgumentException("a username has 1 to 64 characters");
        }
        for (int i = 0; i < username.length(); i++) {
            char c = username.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw new IllegalArgumentException("a username has no spaces or control characters: '" + username + "'");
            }
        }
        return username;
    }

    private static final class Memory extends CliUsers {
        private final ConcurrentHashMap<TenantId, Set<String>> users = new ConcurrentHashMap<>();

        @Override
        public boolean add(TenantId tenant, String username) {
            return users.computeIfAbsent(tenant, t -> ConcurrentHashMap.newKeySet()).add(checkUsername(username));
        }

        @Override
        public List<String> usernames(TenantId tenant) {
            return List.copyOf(new TreeSet<>(users.getOrDefault(tenant, Set.of())));
        }
    }

    private static final class Database extends CliUsers {
        private final DataSource ds;
        private volatile boolean tableReady;

        Database(DataSource ds) {
            this.ds = ds;
        }

        @Override
        public boolean add(TenantId tenant, String username) {
            checkUsername(username);
            return run("adding a user", c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT 1 FROM crm_cli_user WHERE tenant = ? AND username = ?")) {
                    ps.setString(1, tenant.value());
                    ps.setString(2, username);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            return false;
                        }
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO crm_cli_user (tenant, username) VALUES (?, ?)")) {
                    ps.setString(1, tenant.value());
                    ps.setString(2, username);
                    ps.executeUpdate();
                }
                return true;
            });
        }

        @Override
        public List<String> usernames(TenantId tenant) {
            return run("listing users", c -> {
                List<String> out = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT username FROM crm_cli_user WHERE tenant = ? ORDER BY username")) {
                    ps.setString(1, tenant.value());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(rs.getString(1));
                        }
                    }
                }
                return out;
            });
        }

        private interface Work<T> {
            T run(Connection c) throws SQLException;
        }

        private <T> T run(String what, Work<T> work) {
            try (Connection c = ds.getConnection()) {
                if (!tableReady) {
                    try (Statement s = c.createStatement()) {
                        s.execute("CREATE TABLE IF NOT EXISTS crm_cli_user (tenant varchar(64) NOT NULL, "
                                + "username varchar(64) NOT NULL, PRIMARY KEY (tenant, username))");
                    }
                    tableReady = true;
                }
                return work.run(c);
            } catch (SQLException e) {
                throw new StorageException(what + " failed: " + e.getMessage(), e);
            }
        }
    }
}

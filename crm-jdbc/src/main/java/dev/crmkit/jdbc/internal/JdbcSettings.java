package dev.crmkit.jdbc.internal;

import dev.crmkit.core.ConflictException;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.field.CustomFieldDefinition;
import dev.crmkit.core.field.FieldType;
import dev.crmkit.core.permission.Capability;
import dev.crmkit.core.permission.Grants;
import dev.crmkit.core.permission.PermissionLevel;
import dev.crmkit.core.spi.CustomFieldStore;
import dev.crmkit.core.spi.PermissionStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A tenant's custom field definitions and permission grants: small tables read often. */
final class JdbcSettings implements CustomFieldStore, PermissionStore {

    private static final String FIELD_COLUMNS =
            "field_key, label, type, options, required, position, visible_to, case_insensitive_options";
    private static final String USER = "U";
    private static final String GROUP = "G";

    private final JdbcSession s;

    JdbcSettings(JdbcSession s) {
        this.s = s;
    }

    // ---- custom fields

    @Override
    public void insert(CustomFieldDefinition d) {
        s.checkWritable();
        s.sql("storing a custom field", c -> {
            if (find(d.key()).isPresent()) {
                // Checked first: on PostgreSQL a failed statement would end the whole unit of work.
                throw new ConflictException(ErrorCode.FIELD_KEY_TAKEN, "a custom field '" + d.key() + "' exists");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO crm_custom_field (" + FIELD_COLUMNS
                    + ", tenant) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                int i = bindField(ps, d);
                ps.setString(i, s.tenantValue());
                ps.executeUpdate();
            }
            return null;
        });
    }

    private static int bindField(PreparedStatement ps, CustomFieldDefinition d) throws SQLException {
        ps.setString(1, d.key());
        ps.setString(2, d.label());
        ps.setString(3, d.type().name());
        ps.setString(4, Json.strings(d.options()));
        ps.setBoolean(5, d.required());
        ps.setInt(6, d.position());
        ps.setString(7, Json.stringSet(d.visibleTo()));
        ps.setBoolean(8, d.caseInsensitiveOptions());
        return 9;
    }

    @Override
    public boolean update(CustomFieldDefinition d) {
        s.checkWritable();
        return s.update("updating a custom field", "UPDATE crm_custom_field SET field_key = ?, label = ?, type = ?,"
                + " options = ?, required = ?, position = ?, visible_to = ?, case_insensitive_options = ?"
                + " WHERE tenant = ? AND field_key = ?", ps -> {
                    int i = bindField(ps, d);
                    ps.setString(i++, s.tenantValue());
                    ps.setString(i, d.key());
                }) == 1;
    }

    @Override
    public List<CustomFieldDefinition> list() {
        s.checkOpen();
        return fields("", null);
    }

    @Override
    public Optional<CustomFieldDefinition> find(String key) {
        s.checkOpen();
        return fields(" AND field_key = ?", key).stream().findFirst();
    }

    private List<CustomFieldDefinition> fields(String condition, String key) {
        return s.list("reading custom fields", "SELECT " + FIELD_COLUMNS + " FROM crm_custom_field WHERE tenant = ?"
                + condition + " ORDER BY position, field_key", ps -> {
                    ps.setString(1, s.tenantValue());
                    if (key != null) {
                        ps.setString(2, key);
                    }
                }, rs -> new CustomFieldDefinition(rs.getString(1), rs.getString(2), FieldType.valueOf(rs.getString(3)),
                        Json.strings(rs.getString(4)), rs.getBoolean(5), rs.getInt(6), Json.stringSet(rs.getString(7)),
                        rs.getBoolean(8)));
    }

    @Override
    public boolean delete(String key) {
        s.checkWritable();
        return s.update("deleting a custom field", "DELETE FROM crm_custom_field WHERE tenant = ? AND field_key = ?",
                ps -> {
                    ps.setString(1, s.tenantValue());
                    ps.setString(2, key);
                }) == 1;
    }

    // ---- permissions

    @Override
    public Optional<PermissionLevel> userGrant(String username) {
        s.checkOpen();
        return grant(USER, username);
    }

    @Override
    public Optional<PermissionLevel> groupGrant(String group) {
        s.checkOpen();
        return grant(GROUP, group);
    }

    private Optional<PermissionLevel> grant(String kind, String name) {
        return s.first("reading a grant", "SELECT level FROM crm_grant WHERE tenant = ? AND kind = ? AND name = ?",
                ps -> {
                    ps.setString(1, s.tenantValue());
                    ps.setString(2, kind);
                    ps.setString(3, name);
                }, rs -> PermissionLevel.valueOf(rs.getString(1)));
    }

    @Override
    public Grants all() {
        s.checkOpen();
        return s.sql("reading grants", c -> {
            Map<String, PermissionLevel> users = new HashMap<>();
            Map<String, PermissionLevel> groups = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT kind, name, level FROM crm_grant WHERE tenant = ?")) {
                ps.setString(1, s.tenantValue());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        (USER.equals(rs.getString(1)) ? users : groups)
                                .put(rs.getString(2), PermissionLevel.valueOf(rs.getString(3)));
                    }
                }
            }
            Map<String, Set<Capability>> capabilities = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT group_name, capability FROM crm_capability WHERE tenant = ?")) {
                ps.setString(1, s.tenantValue());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        capabilities.computeIfAbsent(rs.getString(1), g -> EnumSet.noneOf(Capability.class))
                                .add(Capability.valueOf(rs.getString(2)));
                    }
                }
            }
            return new Grants(users, groups, capabilities);
        });
    }

    @Override
    public boolean addCapability(String group, Capability capability) {
        s.checkWritable();
        if (hasCapability(group, capability)) {
            // Checked first: on PostgreSQL a failed insert would end the whole unit of work.
            return false;
        }
        return s.update("granting a capability", "INSERT INTO crm_capability (tenant, group_name, capability)"
                + " VALUES (?, ?, ?)", ps -> {
                    ps.setString(1, s.tenantValue());
                    ps.setString(2, group);
                    ps.setString(3, capability.name());
                }) == 1;
    }

    @Override
    public boolean removeCapability(String group, Capability capability) {
        s.checkWritable();
        return s.update("revoking a capability", "DELETE FROM crm_capability WHERE tenant = ? AND group_name = ?"
                + " AND capability = ?", ps -> {
                    ps.setString(1, s.tenantValue());
                    ps.setString(2, group);
                    ps.setString(3, capability.name());
                }) == 1;
    }

    @Override
    public boolean anyHasCapability(Set<String> groups, Capability capability) {
        s.checkOpen();
        for (String group : groups) {
            if (hasCapability(group, capability)) {
                return true;
            }
        }
        return false;
    }

    private boolean hasCapability(String group, Capability capability) {
        return s.first("reading a capability", "SELECT 1 FROM crm_capability WHERE tenant = ? AND group_name = ?"
                + " AND capability = ?", ps -> {
                    ps.setString(1, s.tenantValue());
                    ps.setString(2, group);
                    ps.setString(3, capability.name());
                }, rs -> Boolean.TRUE).isPresent();
    }

    @Override
    public void setUserGrant(String username, PermissionLevel level) {
        s.checkWritable();
        setGrant(USER, username, level);
    }

    @Override
    public boolean removeUserGrant(String username) {
        s.checkWritable();
        return removeGrant(USER, username);
    }

    @Override
    public void setGroupGrant(String group, PermissionLevel level) {
        s.checkWritable();
        setGrant(GROUP, group, level);
    }

    @Override
    public boolean removeGroupGrant(String group) {
        s.checkWritable();
        return removeGrant(GROUP, group);
    }

    private void setGrant(String kind, String name, PermissionLevel level) {
        s.update("storing a grant", s.dialect().upsertGrantSql(), ps -> {
            ps.setString(1, s.tenantValue());
            ps.setString(2, kind);
            ps.setString(3, name);
            ps.setString(4, level.name());
        });
    }

    private boolean removeGrant(String kind, String name) {
        return s.update("removing a grant", "DELETE FROM crm_grant WHERE tenant = ? AND kind = ? AND name = ?", ps -> {
            ps.setString(1, s.tenantValue());
            ps.setString(2, kind);
            ps.setString(3, name);
        }) == 1;
    }
}

package dev.crmkit.jdbc.internal;

import dev.crmkit.core.ConflictException;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.script.Script;
import dev.crmkit.core.spi.ScriptStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A tenant's call scripts. */
final class JdbcScripts implements ScriptStore {

    private static final String COLUMNS = "script_key, title, html, queue, project, visible_to";

    private final JdbcSession s;

    JdbcScripts(JdbcSession s) {
        this.s = s;
    }

    @Override
    public void insert(Script script) {
        s.checkWritable();
        s.sql("storing a script", c -> {
            if (find(script.key()).isPresent()) {
                // Checked first: on PostgreSQL a failed statement would end the whole unit of work.
                throw new ConflictException(ErrorCode.SCRIPT_KEY_TAKEN, "a script " + script.key() + " exists");
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO crm_script (" + COLUMNS + ", tenant) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                bind(ps, script);
                ps.setString(7, s.tenantValue());
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public boolean update(Script script) {
        s.checkWritable();
        return s.update("updating a script", "UPDATE crm_script SET script_key = ?, title = ?, html = ?, queue = ?,"
                + " project = ?, visible_to = ? WHERE tenant = ? AND script_key = ?", ps -> {
                    bind(ps, script);
                    ps.setString(7, s.tenantValue());
                    ps.setString(8, script.key());
                }) == 1;
    }

    private static void bind(PreparedStatement ps, Script script) throws SQLException {
        ps.setString(1, script.key());
        ps.setString(2, script.title());
        ps.setString(3, script.html());
        Columns.setString(ps, 4, script.queue());
        Columns.setString(ps, 5, script.project());
        ps.setString(6, Json.stringSet(script.visibleTo()));
    }

    private static Script read(ResultSet rs) throws SQLException {
        return new Script(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                Json.stringSet(rs.getString(6)));
    }

    @Override
    public List<Script> list() {
        s.checkOpen();
        List<Script> out = new ArrayList<>(s.list("listing scripts", "SELECT " + COLUMNS + " FROM crm_script WHERE tenant = ?",
                ps -> ps.setString(1, s.tenantValue()), JdbcScripts::read));
        // By code point, whatever the database's collation.
        out.sort(Comparator.comparing(Script::key));
        return out;
    }

    @Override
    public Optional<Script> find(String key) {
        s.checkOpen();
        return s.first("reading a script", "SELECT " + COLUMNS + " FROM crm_script WHERE tenant = ? AND script_key = ?",
                ps -> {
                    ps.setString(1, s.tenantValue());
                    ps.setString(2, key);
                }, JdbcScripts::read);
    }

    @Override
    public boolean delete(String key) {
        s.checkWritable();
        return s.update("removing a script", "DELETE FROM crm_script WHERE tenant = ? AND script_key = ?", ps -> {
            ps.setString(1, s.tenantValue());
            ps.setString(2, key);
        }) == 1;
    }
}

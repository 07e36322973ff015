package dev.crmkit.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/**
 * A data source for tests, in front of a real connection pool, that counts the steps units of work
 * take on the database and can make one of them fail.
 *
 * <p>A step is one round trip that can change or read data: {@code execute}, {@code executeQuery},
 * {@code executeUpdate}, {@code executeBatch}, {@code executeLargeUpdate} and {@code
 * executeLargeBatch} of any statement, {@code commit}, and PostgreSQL's COPY ({@code copyIn},
 * {@code writeToCopy}, {@code endCopy}) reached as the adapter reaches it, through {@code
 * unwrap(PGConnection.class).getCopyAPI()}. Rolling back, closing and connection settings are not
 * steps: they are how the adapter cleans up after a failure, and they run against whatever state
 * the fault left.
 *
 * <p>Armed with {@link #failAt}, step {@code n} fails before it reaches the database:
 *
 * <ul>
 *   <li>{@link Fault#STATEMENT}: an {@link SQLException} with SQL state {@value #STATEMENT_STATE}
 *       (serialization failure), what PostgreSQL says when it gives up on a transaction
 *       for a passing reason (a deadlock victim, a conflicting writer) and trying again may
 *       succeed; the connection itself stays healthy. A permanent failure of a statement (a
 *       constraint, a trigger) is what {@link StorageFailureTest} covers.
 *   <li>{@link Fault#CONNECTION_DROPPED}: the physical connection under the pool's proxy is
 *       aborted (PostgreSQL closes its socket without a goodbye, so the server rolls back and
 *       releases the transaction's locks), the pool is told to drop its
 *       connections (Hikari needs telling: some drivers' errors on a closed connection do not look fatal to it),
 *       and an {@link SQLException} with SQL state {@value #DROPPED_STATE} (connection failure, as
 *       PostgreSQL's driver reports a lost socket) is thrown. Whatever the adapter does next on
 *       that connection (rollback, close) meets a really broken driver connection, and the next
 *       unit of work gets a fresh one.
 * </ul>
 *
 * <p>Only the steps taken while {@link #watch() watching} count, so a test can prepare and check
 * data through the same storage without moving the count. Meant for one thread doing database
 * work at a time, which is how the operations under test use it.
 */
final class FaultInjectingDataSource implements DataSource {

    static final String STATEMENT_STATE = "40001";
    static final String DROPPED_STATE = "08006";

    /** How step {@code n} fails. */
    enum Fault {
        STATEMENT, CONNECTION_DROPPED
    }

    /**
     * One step taken.
     *
     * @param number from 1, counted since {@link #watch()}
     * @param call the JDBC (or COPY) method
     * @param sql the statement's text, whitespace collapsed; null for a commit
     */
    record Step(int number, String call, String sql) {

        /** What the step does, independent of when: the call and its statement. */
        String kind() {
            return sql == null ? call : call + " " + sql;
        }

        @Override
        public String toString() {
            String text = kind();
            return "step " + number + " (" + (text.length() > 110 ? text.substring(0, 110) + "…" : text) + ")";
        }
    }

    private final DataSource pool;
    private final List<Step> steps = new ArrayList<>();
    private boolean watching;
    private int failAt;
    private Fault fault;
    private Step fired;

    FaultInjectingDataSource(DataSource pool) {
        this.pool = pool;
    }

    /** Starts counting steps from zero, with no fault armed. */
    synchronized FaultInjectingDataSource watch() {
        steps.clear();
        watching = true;
        failAt = 0;
        fault = null;
        fired = null;
        return this;
    }

    /** Starts counting steps from zero; step {@code n} will fail as {@code kind} says. */
    synchronized FaultInjectingDataSource failAt(int n, Fault kind) {
        watch();
        failAt = n;
        fault = kind;
        return this;
    }

    /** Stops counting and disarms; returns the steps taken since {@link #watch()}. */
    synchronized List<Step> stop() {
        watching = false;
        failAt = 0;
        return List.copyOf(steps);
    }

    /** The step that was made to fail, or null if the armed step was never reached. */
    synchronized Step fired() {
        return fired;
    }

    /**
     * The thread on which the adapter merges PostgreSQL's search index beside imports. Its steps
     * are neither counted nor failed: they belong to no unit of work, run whenever that thread is
     * scheduled (so counting them would number the import's own steps differently in every run),
     * and a failure there is only logged (see SearchIndexCleanerTest).
     */
    private static final String SEARCH_INDEX_CLEANER = "crmkit-search-index-cleaner";

    private void step(Connection pooled, String call, String sql) throws SQLException {
        Step failing;
        synchronized (this) {
            if (!watching || Thread.currentThread().getName().equals(SEARCH_INDEX_CLEANER)) {
                return;
            }
            Step step = new Step(steps.size() + 1, call, sql == null ? null : sql.strip().replaceAll("\\s+", " "));
            steps.add(step);
            if (step.number() != failAt) {
                return;
            }
            failAt = 0;
            fired = step;
            failing = step;
        }
        if (fault == Fault.CONNECTION_DROPPED) {
            drop(pooled);
            throw new SQLException("injected fault: the connection to the database dropped at " + failing,
                    DROPPED_STATE);
        }
        throw new SQLException("injected fault: the database gave up on the transaction at " + failing,
                STATEMENT_STATE);
    }

    /** Aborts the physical connection behind the pool's proxy and has the pool forget it. */
    private void drop(Connection pooled) throws SQLException {
        pooled.unwrap(Connection.class).abort(Runnable::run);
        if (pool instanceof HikariDataSource hikari) {
            // Idle connections are closed at once, the broken one when the adapter gives it back.
            hikari.getHikariPoolMXBean().softEvictConnections();
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        return connection(pool.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return connection(pool.getConnection(username, password));
    }

    private Connection connection(Connection pooled) {
        return proxy(Connection.class, new InvocationHandler() {
            @Override
            public Object invoke(Object self, Method m, Object[] args) throws Throwable {
                switch (m.getName()) {
                    case "createStatement", "prepareStatement", "prepareCall" -> {
                        Statement s = (Statement) call(pooled, m, args);
                        String sql = args != null && args.length > 0 && args[0] instanceof String q ? q : null;
                        return statement(pooled, (Connection) self, s, m.getReturnType(), sql);
                    }
                    case "commit" -> {
                        step(pooled, "commit", null);
                        return call(pooled, m, args);
                    }
                    case "unwrap" -> {
                        if (args[0] == PGConnection.class) {
                            return Copy.connection(FaultInjectingDataSource.this, pooled);
                        }
                        return call(pooled, m, args);
                    }
                    case "equals" -> {
                        return self == args[0];
                    }
                    case "hashCode" -> {
                        return System.identityHashCode(self);
                    }
                    case "toString" -> {
                        return "fault-injecting " + pooled;
                    }
                    default -> {
                        return call(pooled, m, args);
                    }
                }
            }
        });
    }

    private Statement statement(Connection pooled, Connection owner, Statement s, Class<?> type, String prepared) {
        Class<? extends Statement> iface = type == CallableStatement.class ? CallableStatement.class
                : type == PreparedStatement.class ? PreparedStatement.class : Statement.class;
        return proxy(iface, (self, m, args) -> {
            String name = m.getName();
            if (name.startsWith("execute")) {
                String sql = args != null && args.length > 0 && args[0] instanceof String q ? q : prepared;
                step(pooled, name, sql);
            } else if (name.equals("getConnection")) {
                return owner;
            } else if (name.equals("equals")) {
                return self == args[0];
            } else if (name.equals("hashCode")) {
                return System.identityHashCode(self);
            }
            return call(s, m, args);
        });
    }

    private static Object call(Object target, Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> iface, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(FaultInjectingDataSource.class.getClassLoader(), new Class<?>[] {iface},
                handler);
    }

    /** PostgreSQL's COPY, counted; loaded only when the adapter asks for the driver's own API. */
    private static final class Copy {

        static PGConnection connection(FaultInjectingDataSource source, Connection pooled) throws SQLException {
            PGConnection real = pooled.unwrap(PGConnection.class);
            return proxy(PGConnection.class, (self, m, args) -> {
                if (m.getName().equals("getCopyAPI")) {
                    return manager(source, pooled, (BaseConnection) real);
                }
                return call(real, m, args);
            });
        }

        private static CopyManager manager(FaultInjectingDataSource source, Connection pooled, BaseConnection real)
                throws SQLException {
            return new CopyManager(real) {
                @Override
                public CopyIn copyIn(String sql) throws SQLException {
                    source.step(pooled, "copyIn", sql);
                    CopyIn in = super.copyIn(sql);
                    return proxy(CopyIn.class, (self, m, args) -> {
                        String name = m.getName();
                        if (name.equals("writeToCopy") || name.equals("endCopy") || name.equals("flushCopy")) {
                            source.step(pooled, name, sql);
                        }
                        return call(in, m, args);
                    });
                }
            };
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        return pool.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || pool.isWrapperFor(iface);
    }
}

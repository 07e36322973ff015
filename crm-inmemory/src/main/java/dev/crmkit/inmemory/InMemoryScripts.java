package dev.crmkit.inmemory;

import dev.crmkit.core.ConflictException;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.script.Script;
import dev.crmkit.core.spi.ScriptStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A tenant's call scripts. */
final class InMemoryScripts extends SessionStore implements ScriptStore {

    InMemoryScripts(InMemorySession session) {
        super(session);
    }

    @Override
    public void insert(Script script) {
        checkWritable();
        if (data.scripts.containsKey(script.key())) {
            throw new ConflictException(ErrorCode.SCRIPT_KEY_TAKEN, "a script " + script.key() + " exists");
        }
        data.scripts.put(script.key(), script);
        undo.push(() -> data.scripts.remove(script.key()));
    }

    @Override
    public boolean update(Script script) {
        checkWritable();
        Script previous = data.scripts.get(script.key());
        if (previous == null) {
            return false;
        }
        data.scripts.put(script.key(), script);
        undo.push(() -> data.scripts.put(previous.key(), previous));
        return true;
    }

    @Override
    public List<Script> list() {
        checkOpen();
        List<Script> out = new ArrayList<>(data.scripts.values());
        out.sort(Comparator.comparing(Script::key));
        return out;
    }

    @Override
    public Optional<Script> find(String key) {
        checkOpen();
        return Optional.ofNullable(data.scripts.get(key));
    }

    @Override
    public boolean delete(String key) {
        checkWritable();
        Script previous = data.scripts.remove(key);
        if (previous == null) {
            return false;
        }
        undo.push(() -> data.scripts.put(key, previous));
        return true;
    }
}

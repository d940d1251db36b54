-- The case database, version 1 (docs/case-database.md). The PostgreSQL migration of the same version holds the same
-- tables, columns and views; only the types differ (BLOB/bytea, INTEGER/BOOLEAN).

-- The case this database indexes: one row. case.json's SHA-256 keeps two cases out of one database.
CREATE TABLE case_info (
    case_key INTEGER PRIMARY KEY CHECK (case_key = 1),
    case_number TEXT NOT NULL,
    case_json_sha256 TEXT NOT NULL
);

CREATE TABLE item (
    item_id TEXT PRIMARY KEY,
    image TEXT,
    media_size_bytes INTEGER,
    media_md5 TEXT,
    media_sha1 TEXT,
    media_sha256 TEXT,
    acquisition_log_sha256 TEXT,
    indexed_at TEXT NOT NULL,
    indexed_by TEXT NOT NULL
);

-- Every analysis file an item's rows came from, with the SHA-256 of its bytes when it was loaded.
CREATE TABLE source (
    item_id TEXT NOT NULL REFERENCES item (item_id),
    source_key INTEGER NOT NULL,
    relative_path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size_bytes INTEGER NOT NULL,
    PRIMARY KEY (item_id, source_key)
);

CREATE TABLE file_system (
    item_id TEXT NOT NULL REFERENCES item (item_id),
    fs_key INTEGER NOT NULL,
    partition TEXT,
    fs_type TEXT,
    byte_offset INTEGER,
    label TEXT,
    volume_id TEXT,
    file_count INTEGER NOT NULL,
    PRIMARY KEY (item_id, fs_key)
);

CREATE TABLE hashset (
    item_id TEXT NOT NULL REFERENCES item (item_id),
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    PRIMARY KEY (item_id, name)
);

-- One row per record of files.jsonl: a name, or one data stream of a name. The digest and type indexes leave out the
-- rows without one (a listing made without --hash or --types), which cost every insert and answer no search.
CREATE TABLE file (
    item_id TEXT NOT NULL REFERENCES item (item_id),
    seq INTEGER NOT NULL,
    source_key INTEGER NOT NULL,
    line INTEGER NOT NULL,
    fs_key INTEGER NOT NULL,
    partition TEXT,
    path TEXT NOT NULL,
    path_bytes BLOB NOT NULL,
    name TEXT NOT NULL,
    name_bytes BLOB NOT NULL,
    stream TEXT,
    stream_bytes BLOB,
    inode TEXT NOT NULL,
    name_type TEXT,
    meta_type TEXT,
    allocated INTEGER,
    deleted INTEGER,
    orphan INTEGER,
    meta_allocated INTEGER,
    reallocated INTEGER,
    size_bytes INTEGER,
    mode TEXT,
    uid INTEGER,
    gid INTEGER,
    links INTEGER,
    mtime TEXT,
    atime TEXT,
    ctime TEXT,
    crtime TEXT,
    symlink_target TEXT,
    symlink_target_bytes BLOB,
    md5 TEXT,
    sha1 TEXT,
    sha256 TEXT,
    sha512 TEXT,
    hashed_bytes INTEGER,
    content_may_be_reused INTEGER,
    media_type TEXT,
    extension_media_type TEXT,
    extension_mismatch INTEGER,
    PRIMARY KEY (item_id, seq)
);
CREATE INDEX file_name ON file (name);
CREATE INDEX file_md5 ON file (md5) WHERE md5 IS NOT NULL;
CREATE INDEX file_sha1 ON file (sha1) WHERE sha1 IS NOT NULL;
CREATE INDEX file_sha256 ON file (sha256) WHERE sha256 IS NOT NULL;
CREATE INDEX file_sha512 ON file (sha512) WHERE sha512 IS NOT NULL;
CREATE INDEX file_media_type ON file (media_type) WHERE media_type IS NOT NULL;
CREATE INDEX file_mtime ON file (mtime) WHERE mtime IS NOT NULL;

-- A data stream in a hash set.
CREATE TABLE hit (
    item_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    set_name TEXT NOT NULL,
    PRIMARY KEY (item_id, seq, set_name),
    FOREIGN KEY (item_id, seq) REFERENCES file (item_id, seq)
);
CREATE INDEX hit_set ON hit (set_name);

-- One row per line of timeline.jsonl; record is the line itself.
CREATE TABLE event (
    item_id TEXT NOT NULL REFERENCES item (item_id),
    seq INTEGER NOT NULL,
    source_key INTEGER NOT NULL,
    line INTEGER NOT NULL,
    time TEXT NOT NULL,
    macb TEXT NOT NULL,
    time_source TEXT,
    partition TEXT,
    inode TEXT,
    state TEXT,
    size_bytes INTEGER,
    mode TEXT,
    uid INTEGER,
    gid INTEGER,
    message TEXT NOT NULL,
    path TEXT,
    path_bytes BLOB,
    record TEXT NOT NULL,
    PRIMARY KEY (item_id, seq)
);
CREATE INDEX event_time ON event (time);

CREATE VIEW files AS
SELECT f.item_id, f.partition, f.path, f.path_bytes, f.name, f.name_bytes, f.stream, f.inode, f.meta_type,
       f.deleted, f.orphan, f.reallocated, f.size_bytes, f.mtime, f.atime, f.ctime, f.crtime,
       f.md5, f.sha1, f.sha256, f.sha512, f.media_type, f.extension_mismatch,
       s.relative_path AS source_file, s.sha256 AS source_sha256, f.line AS source_line
FROM file f JOIN source s ON s.item_id = f.item_id AND s.source_key = f.source_key;

CREATE VIEW timeline AS
SELECT e.time, e.macb, e.item_id, e.partition, e.inode, e.state, e.size_bytes, e.message, e.path, e.path_bytes,
       e.time_source, s.relative_path AS source_file, s.sha256 AS source_sha256, e.line AS source_line
FROM event e JOIN source s ON s.item_id = e.item_id AND s.source_key = e.source_key;

CREATE VIEW hits AS
SELECT h.set_name, COALESCE(k.kind, 'unknown') AS kind, f.item_id, f.partition, f.path, f.path_bytes, f.inode,
       f.size_bytes, f.md5, f.sha1, f.sha256, s.relative_path AS source_file, s.sha256 AS source_sha256,
       f.line AS source_line
FROM hit h
JOIN file f ON f.item_id = h.item_id AND f.seq = h.seq
JOIN source s ON s.item_id = f.item_id AND s.source_key = f.source_key
LEFT JOIN hashset k ON k.item_id = h.item_id AND k.name = h.set_name;

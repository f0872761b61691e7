-- SPDX-License-Identifier: GPL-3.0-or-later
-- Kravkoll schema version 1. Applied by kk-database.c inside one transaction.

CREATE TABLE catalog_version (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  version     TEXT NOT NULL,
  published   TEXT NOT NULL,
  source_note TEXT NOT NULL DEFAULT '',
  imported_at TEXT NOT NULL,
  UNIQUE (name, version)
);

CREATE TABLE area (
  code        TEXT PRIMARY KEY,
  perspective TEXT NOT NULL CHECK (perspective IN ('individual', 'operations', 'supplier')),
  name_sv     TEXT NOT NULL,
  name_en     TEXT NOT NULL,
  position    INTEGER NOT NULL DEFAULT 0
);

-- One row per revision of a requirement. The row with current = 1 is the
-- catalogue's present wording of that code; older revisions stay for the
-- procurements that froze them.
CREATE TABLE requirement (
  id              INTEGER PRIMARY KEY,
  catalog_version INTEGER NOT NULL REFERENCES catalog_version (id),
  code            TEXT NOT NULL,
  revision        INTEGER NOT NULL DEFAULT 1,
  current         INTEGER NOT NULL DEFAULT 1 CHECK (current IN (0, 1)),
  perspective     TEXT NOT NULL CHECK (perspective IN ('individual', 'operations', 'supplier')),
  area            TEXT NOT NULL REFERENCES area (code),
  title_sv        TEXT NOT NULL,
  title_en        TEXT NOT NULL,
  text_sv         TEXT NOT NULL,
  text_en         TEXT NOT NULL,
  obligation      TEXT NOT NULL CHECK (obligation IN ('shall', 'should')),
  kind            TEXT NOT NULL CHECK (kind IN ('qualification', 'technical', 'contract_clause', 'award_criterion')),
  level           TEXT NOT NULL CHECK (level IN ('basic', 'advanced', 'leading')),
  verification_sv TEXT NOT NULL,
  verification_en TEXT NOT NULL,
  motive_sv       TEXT NOT NULL,
  motive_en       TEXT NOT NULL,
  source_ref      TEXT NOT NULL DEFAULT '',
  retired         INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
  UNIQUE (code, revision)
);
CREATE UNIQUE INDEX requirement_current ON requirement (code) WHERE current = 1;

CREATE VIRTUAL TABLE requirement_fts USING fts5 (
  code, title_sv, title_en, text_sv, text_en,
  content = 'requirement', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3'
);
CREATE TRIGGER requirement_fts_ai AFTER INSERT ON requirement BEGIN
  INSERT INTO requirement_fts (rowid, code, title_sv, title_en, text_sv, text_en)
  VALUES (new.id, new.code, new.title_sv, new.title_en, new.text_sv, new.text_en);
END;
CREATE TRIGGER requirement_fts_ad AFTER DELETE ON requirement BEGIN
  INSERT INTO requirement_fts (requirement_fts, rowid, code, title_sv, title_en, text_sv, text_en)
  VALUES ('delete', old.id, old.code, old.title_sv, old.title_en, old.text_sv, old.text_en);
END;
CREATE TRIGGER requirement_fts_au AFTER UPDATE OF code, title_sv, title_en, text_sv, text_en ON requirement BEGIN
  INSERT INTO requirement_fts (requirement_fts, rowid, code, title_sv, title_en, text_sv, text_en)
  VALUES ('delete', old.id, old.code, old.title_sv, old.title_en, old.text_sv, old.text_en);
  INSERT INTO requirement_fts (rowid, code, title_sv, title_en, text_sv, text_en)
  VALUES (new.id, new.code, new.title_sv, new.title_en, new.text_sv, new.text_en);
END;

CREATE TABLE category (
  id      INTEGER PRIMARY KEY,
  key     TEXT NOT NULL UNIQUE,
  name_sv TEXT NOT NULL,
  name_en TEXT NOT NULL
);

CREATE TABLE requirement_category (
  requirement INTEGER NOT NULL REFERENCES requirement (id) ON DELETE CASCADE,
  category    INTEGER NOT NULL REFERENCES category (id),
  PRIMARY KEY (requirement, category)
) WITHOUT ROWID;
CREATE INDEX requirement_category_category ON requirement_category (category);

CREATE TABLE supplier (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL CHECK (length (name) > 0),
  org_number TEXT NOT NULL UNIQUE,
  country    TEXT NOT NULL DEFAULT 'SE',
  contact    TEXT NOT NULL DEFAULT '',
  note       TEXT NOT NULL DEFAULT '',
  created    TEXT NOT NULL
);

CREATE TABLE procurement (
  id              INTEGER PRIMARY KEY,
  title           TEXT NOT NULL CHECK (length (title) > 0),
  dnr             TEXT NOT NULL UNIQUE CHECK (length (dnr) > 0),
  unit            TEXT NOT NULL DEFAULT '',
  category        TEXT REFERENCES category (key),
  status          TEXT NOT NULL DEFAULT 'draft'
                  CHECK (status IN ('draft', 'published', 'evaluating', 'decided')),
  deadline        TEXT,
  created         TEXT NOT NULL,
  published_at    TEXT,
  catalog_version INTEGER REFERENCES catalog_version (id),
  note            TEXT NOT NULL DEFAULT ''
);
CREATE INDEX procurement_status ON procurement (status);

-- The exact wording a procurement uses: copied when the requirement is
-- picked, frozen when the procurement is published.
CREATE TABLE procurement_requirement (
  id              INTEGER PRIMARY KEY,
  procurement     INTEGER NOT NULL REFERENCES procurement (id) ON DELETE CASCADE,
  requirement     INTEGER NOT NULL REFERENCES requirement (id),
  code            TEXT NOT NULL,
  revision        INTEGER NOT NULL,
  area            TEXT NOT NULL,
  title_sv        TEXT NOT NULL,
  title_en        TEXT NOT NULL,
  text_sv         TEXT NOT NULL,
  text_en         TEXT NOT NULL,
  verification_sv TEXT NOT NULL,
  verification_en TEXT NOT NULL,
  obligation      TEXT NOT NULL CHECK (obligation IN ('shall', 'should')),
  kind            TEXT NOT NULL,
  level           TEXT NOT NULL,
  position        INTEGER NOT NULL,
  UNIQUE (procurement, code)
);
CREATE INDEX procurement_requirement_requirement ON procurement_requirement (requirement);

CREATE TABLE assessment (
  id          INTEGER PRIMARY KEY,
  procurement INTEGER NOT NULL REFERENCES procurement (id) ON DELETE CASCADE,
  supplier    INTEGER NOT NULL REFERENCES supplier (id),
  status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'qualified', 'disqualified')),
  assessor    TEXT NOT NULL DEFAULT '',
  decided     TEXT,
  UNIQUE (procurement, supplier)
);
CREATE INDEX assessment_supplier ON assessment (supplier);

CREATE TABLE answer (
  id                      INTEGER PRIMARY KEY,
  assessment              INTEGER NOT NULL REFERENCES assessment (id) ON DELETE CASCADE,
  procurement_requirement INTEGER NOT NULL REFERENCES procurement_requirement (id) ON DELETE CASCADE,
  status                  TEXT NOT NULL DEFAULT 'unanswered'
                          CHECK (status IN ('unanswered', 'met', 'partly_met', 'not_met', 'not_applicable')),
  comment                 TEXT NOT NULL DEFAULT '',
  evidence                TEXT NOT NULL DEFAULT '',
  valid_until             TEXT,
  checked_by              TEXT NOT NULL DEFAULT '',
  checked_at              TEXT,
  source                  TEXT NOT NULL DEFAULT 'officer',
  UNIQUE (assessment, procurement_requirement)
);

-- Append-only: the triggers below refuse UPDATE and DELETE.
CREATE TABLE audit_log (
  id        INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  actor     TEXT NOT NULL,
  action    TEXT NOT NULL,
  entity    TEXT NOT NULL,
  entity_id INTEGER,
  procurement INTEGER,
  detail    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
CREATE INDEX audit_log_procurement ON audit_log (procurement);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
  SELECT RAISE (ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
  SELECT RAISE (ABORT, 'audit_log is append-only');
END;

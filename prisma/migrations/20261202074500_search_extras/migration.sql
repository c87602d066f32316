-- History's search also finds an Extras result by its extras text (docs/history.md#extras-results).
-- The index gets a second column, the `extras` entry of the row's extension fields. That value is not a
-- column of "Image", so the index no longer reads its content from "Image": it is contentless, and the
-- triggers give the same values to its 'delete' command as they indexed.

DROP TRIGGER "Image_search_insert";
DROP TRIGGER "Image_search_delete";
DROP TRIGGER "Image_search_update";
DROP TABLE "ImageSearch";

CREATE VIRTUAL TABLE "ImageSearch" USING fts5(
    prompt,
    extras,
    content = '',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

INSERT INTO "ImageSearch" (rowid, prompt, extras)
SELECT "id", "prompt", CASE WHEN json_valid("extensionFields") THEN coalesce(json_extract("extensionFields", '$.extras'), '') ELSE '' END FROM "Image";

CREATE TRIGGER "Image_search_insert" AFTER INSERT ON "Image" BEGIN
    INSERT INTO "ImageSearch" (rowid, prompt, extras)
    VALUES (new."id", new."prompt", CASE WHEN json_valid(new."extensionFields") THEN coalesce(json_extract(new."extensionFields", '$.extras'), '') ELSE '' END);
END;

CREATE TRIGGER "Image_search_delete" AFTER DELETE ON "Image" BEGIN
    INSERT INTO "ImageSearch" ("ImageSearch", rowid, prompt, extras)
    VALUES ('delete', old."id", old."prompt", CASE WHEN json_valid(old."extensionFields") THEN coalesce(json_extract(old."extensionFields", '$.extras'), '') ELSE '' END);
END;

CREATE TRIGGER "Image_search_update" AFTER UPDATE OF "prompt", "extensionFields" ON "Image" BEGIN
    INSERT INTO "ImageSearch" ("ImageSearch", rowid, prompt, extras)
    VALUES ('delete', old."id", old."prompt", CASE WHEN json_valid(old."extensionFields") THEN coalesce(json_extract(old."extensionFields", '$.extras'), '') ELSE '' END);
    INSERT INTO "ImageSearch" (rowid, prompt, extras)
    VALUES (new."id", new."prompt", CASE WHEN json_valid(new."extensionFields") THEN coalesce(json_extract(new."extensionFields", '$.extras'), '') ELSE '' END);
END;

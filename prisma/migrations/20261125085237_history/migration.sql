-- CreateTable
CREATE TABLE "Image" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "path" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "prompt" TEXT NOT NULL DEFAULT '',
    "negativePrompt" TEXT NOT NULL DEFAULT '',
    "seed" BIGINT,
    "subseed" BIGINT,
    "subseedStrength" REAL,
    "sampler" TEXT,
    "scheduleType" TEXT,
    "steps" INTEGER,
    "cfgScale" REAL,
    "width" INTEGER,
    "height" INTEGER,
    "modelName" TEXT,
    "modelHash" TEXT,
    "infotext" TEXT NOT NULL DEFAULT '',
    "extensionFields" TEXT NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "favourite" BOOLEAN NOT NULL DEFAULT false,
    "missing" BOOLEAN NOT NULL DEFAULT false,
    "jobId" TEXT
);

-- CreateIndex
CREATE UNIQUE INDEX "Image_path_key" ON "Image"("path");

-- CreateIndex
CREATE INDEX "Image_createdAt_idx" ON "Image"("createdAt");

-- CreateIndex
CREATE INDEX "Image_kind_createdAt_idx" ON "Image"("kind", "createdAt");

-- CreateIndex
CREATE INDEX "Image_modelName_createdAt_idx" ON "Image"("modelName", "createdAt");

-- CreateIndex
CREATE INDEX "Image_sampler_createdAt_idx" ON "Image"("sampler", "createdAt");

-- CreateIndex
CREATE INDEX "Image_favourite_createdAt_idx" ON "Image"("favourite", "createdAt");

-- CreateIndex
CREATE INDEX "Image_jobId_idx" ON "Image"("jobId");

-- Prompt search: an FTS5 index over "Image"."prompt" (external content: the text lives only in
-- "Image", the index holds tokens). Kept in step by triggers, so every writer (Prisma, raw SQL,
-- reconcile's batched inserts) maintains it. Prefix indexes make "word*" queries cheap.
CREATE VIRTUAL TABLE "ImageSearch" USING fts5(
    prompt,
    content = 'Image',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

CREATE TRIGGER "Image_search_insert" AFTER INSERT ON "Image" BEGIN
    INSERT INTO "ImageSearch" (rowid, prompt) VALUES (new."id", new."prompt");
END;

CREATE TRIGGER "Image_search_delete" AFTER DELETE ON "Image" BEGIN
    INSERT INTO "ImageSearch" ("ImageSearch", rowid, prompt) VALUES ('delete', old."id", old."prompt");
END;

CREATE TRIGGER "Image_search_update" AFTER UPDATE OF "prompt" ON "Image" BEGIN
    INSERT INTO "ImageSearch" ("ImageSearch", rowid, prompt) VALUES ('delete', old."id", old."prompt");
    INSERT INTO "ImageSearch" (rowid, prompt) VALUES (new."id", new."prompt");
END;

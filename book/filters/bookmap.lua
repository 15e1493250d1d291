-- The book's label map, shared by xref.lua and site.lua.
--
-- number.lua writes one file per page; make concatenates them, in book
-- order, into labels.tsv.  Each line has six tab-separated fields:
--
--   page  ID  ID    NUMBER  PART   TITLE    one per page, first
--   sec   ID  PAGE  NUMBER  LEVEL  TITLE    headings of levels 1 to 3
--   fig   ID  PAGE  NUMBER  -      CAPTION  figures with an id
--   ex    ID  PAGE  NN.K    LEVEL  TITLE    an exercise's heading (exercises.lua)
--   sol   ID  PAGE  NN.K    LEVEL  TITLE    its solution's, in the instructor edition
--
-- NUMBER is empty where nothing is numbered (front and back matter).

local M = {}

M.fields = { "type", "id", "page", "number", "extra", "title" }

function M.line(rec)
  local out = {}
  for i, k in ipairs(M.fields) do
    out[i] = (tostring(rec[k] or "")):gsub("[\t\n]", " ")
  end
  return table.concat(out, "\t") .. "\n"
end

-- Returns the pages in book order, a table from label id to record, and
-- every record in file order.
function M.read(path)
  local f = io.open(path, "r")
  if not f then
    io.stderr:write("bookmap.lua: cannot read " .. path .. "\n")
    os.exit(1)
  end
  local pages, labels, records = {}, {}, {}
  for line in f:lines() do
    local rec, i = {}, 1
    for v in (line .. "\t"):gmatch("([^\t]*)\t") do
      rec[M.fields[i]] = v
      i = i + 1
    end
    records[#records + 1] = rec
    if rec.type == "page" then
      pages[#pages + 1] = rec
      pages[rec.id] = rec
    else
      labels[rec.id] = rec
    end
  end
  f:close()
  return pages, labels, records
end

-- Writes text to path unless the file already holds exactly that, so that
-- make sees a new time stamp only when the content really changed.
function M.replace(path, text)
  local f = io.open(path, "r")
  if f then
    local old = f:read("a")
    f:close()
    if old == text then
      return
    end
  end
  f = assert(io.open(path, "w"))
  f:write(text)
  f:close()
end

return M

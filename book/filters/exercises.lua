-- Exercises, rendered from the very files the grader reads, so that the
-- statement a student reads and the one that is graded cannot drift apart.
--
--   chapter page     an "Exercises" section at its end: for each exercise
--                    its heading (id ex:NN.K), kind and points, statement,
--                    the files to edit and the command that checks them
--   instructor page  each Div of class "solutions" becomes the reference
--                    solutions with their tests; each Div of class
--                    "exercise-table" a table of every exercise
--
-- An exercise is a folder EXDIR/NN-slug/NN.K-name/ holding a manifest
-- (exercises/README.md describes it) and statement.md; its reference
-- solution is SOLDIR/NN-slug/NN.K-name/, with the starter's file names:
-- code shown as listings, Markdown (a model answer, a rubric) as text.
-- The headings of a statement or of a solution's Markdown start at "#":
-- they are moved down to sit under the exercise's own.
--
-- Metadata in: exercises (a file that lists, one path a line, the
-- manifests of the exercises the page shows and, for an instructor page,
-- every solution file: make knows the folders, pandoc cannot list them),
-- exdir, soldir, and edition (student or instructor).  Solutions exist in
-- the instructor edition only: a "solutions" Div in the student edition
-- stops the build rather than risk showing them to students.
--
-- Runs before include.lua, which pulls in the solution listings this
-- filter asks for, and number.lua, which records the xref-type and
-- xref-number attributes of the headings as labels (see bookmap.lua).

local stringify = pandoc.utils.stringify
local soldir

local function fail(fmt, ...)
  io.stderr:write("exercises.lua: " .. string.format(fmt, ...) .. "\n")
  os.exit(1)
end

local function read(path)
  local f, err = io.open(path, "r")
  if not f then
    fail("%s: cannot read (%s)", path, err)
  end
  local text = f:read("a")
  f:close()
  return text
end

-- Words as inlines, so that a long line of plain text can wrap.
local function words(s)
  local out = pandoc.List()
  for w in s:gmatch("%S+") do
    if #out > 0 then
      out:insert(pandoc.Space())
    end
    out:insert(pandoc.Str(w))
  end
  return out
end

-- What each kind of exercise is, as the line under its heading says.
local kinds = {
  sim = "Simulation code, graded on your machine",
  module = "Kernel module, graded in the virtual machine",
  numeric = "Numeric problem, with numbers of your own",
  open = "Open question, graded by hand",
}

local function quote(s)
  return "'" .. s:gsub("'", "'\\''") .. "'"
end

-- The manifest as the grader reads it: tools/manifest.awk parses it, and
-- refuses a malformed one with its own message.
local function manifest(path)
  local p = io.popen("awk -f tools/manifest.awk " .. quote(path))
  local out = p:read("a")
  if not p:close() then
    fail("%s: tools/manifest.awk refuses it", path)
  end
  local ex = { tests = {}, points = 0 }
  for line in out:gmatch("[^\n]+") do
    local key, value = line:match("^([^\t]*)\t(.*)$")
    if key == "test" then
      local id, points, class, hint = value:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
      ex.tests[#ex.tests + 1] = { id = id, points = tonumber(points), class = class, hint = hint }
      ex.points = ex.points + tonumber(points)
    else
      ex[key] = value
    end
  end
  if not kinds[ex.kind] then
    fail("%s: kind %s: exercises.lua has no words for it yet", path, ex.kind)
  end
  ex.chapter, ex.folder = ex.dir:match("([^/]+)/([^/]+)$")
  if ex.id:sub(1, 2) ~= ex.chapter:sub(1, 2) then
    fail("%s: exercise %s in the folder of chapter %s", path, ex.id, ex.chapter)
  end
  ex.k = tonumber(ex.id:match("%.(%d+)$"))
  local names = {}
  for f in ex.files:gmatch("%S+") do
    names[#names + 1] = f
  end
  ex.files = names
  -- A module exercise is graded on each of its kernels, and the grader
  -- counts its tests' points on each.
  ex.kernels = {}
  for t in (ex.targets or ""):gmatch("%S+") do
    ex.kernels[#ex.kernels + 1] = t
  end
  ex.total = ex.points * math.max(1, #ex.kernels)
  return ex
end

-- A Markdown file as blocks that fit under a heading of level LEVEL, with
-- ids made unique on the page by PREFIX.
local function markdown(path, level, prefix)
  local doc = pandoc.read(read(path), "markdown")
  return pandoc.walk_block(pandoc.Div(doc.blocks), {
    Header = function(h)
      h.level = h.level + level
      if h.identifier ~= "" then
        h.identifier = prefix .. h.identifier
      end
      return h
    end,
  }).content
end

local function reference(id)
  return pandoc.Cite({ pandoc.Str("@" .. id) }, { pandoc.Citation(id, "AuthorInText") })
end

local function heading(level, ex, kind)
  return pandoc.Header(level, "Exercise " .. ex.id .. ": " .. ex.title, pandoc.Attr(kind .. ":" .. ex.id,
    { "unnumbered" }, { ["xref-type"] = kind, ["xref-number"] = ex.id }))
end

local function about(ex)
  local kind, points = kinds[ex.kind], ex.points .. (ex.points == 1 and " point" or " points")
  if #ex.kernels > 0 then
    kind = kind .. " on " .. table.concat(ex.kernels, " and ")
  end
  if #ex.kernels > 1 then
    points = points .. " on each kernel, " .. ex.total .. " in all"
  end
  return pandoc.Div(pandoc.Para({ pandoc.Emph(words(kind .. ".")), pandoc.Space(), pandoc.Strong(words(points .. ".")) }),
    pandoc.Attr("", { "exercise-about" }))
end

local function code_list(items)
  local out = pandoc.List()
  for i, s in ipairs(items) do
    if i > 1 then
      out:extend({ pandoc.Str(","), pandoc.Space() })
    end
    out:insert(pandoc.Code(s))
  end
  return out
end

local function statement(ex, edition)
  local blocks = pandoc.List({ heading(3, ex, "ex"), about(ex) })
  blocks:extend(markdown(ex.dir .. "/statement.md", 3, "ex-" .. ex.id .. "-"))
  local paths = {}
  for i, f in ipairs(ex.files) do
    paths[i] = ex.dir .. "/" .. f
  end
  local edit = pandoc.List({ pandoc.Strong(words(#paths == 1 and "File to edit:" or "Files to edit:")), pandoc.Space() })
  edit:extend(code_list(paths))
  -- A numeric problem is a student's own: their id picks its numbers.
  local student = ex.kind == "numeric" and " STUDENT=<your id>" or ""
  if student ~= "" then
    edit:extend({ pandoc.LineBreak(), pandoc.Strong(words("Your problem:")), pandoc.Space(),
      pandoc.Code("make problems" .. student) })
  end
  edit:extend({ pandoc.LineBreak(), pandoc.Strong(words("Check your work:")), pandoc.Space(),
    pandoc.Code("make check-exercise EX=" .. ex.id .. student) })
  if edition == "instructor" then
    edit:extend({ pandoc.LineBreak(), pandoc.Strong(words("Solution:")), pandoc.Space(), reference("sol:" .. ex.id) })
  end
  blocks:insert(pandoc.Div(pandoc.Para(edit), pandoc.Attr("", { "exercise-files" })))
  return blocks
end

-- Listings in the language of their file name, for highlighting.
local languages = { c = "c", h = "c", sh = "sh", lua = "lua", awk = "awk", Kbuild = "makefile", Makefile = "makefile" }

local function solution(ex, files)
  local blocks = pandoc.List({ heading(2, ex, "sol") })
  local intro = pandoc.List({ pandoc.Str("Statement:"), pandoc.Space(), reference("ex:" .. ex.id), pandoc.Str(".") })
  blocks:insert(pandoc.Para(intro))
  blocks:insert(about(ex))

  local rows = {}
  for i, t in ipairs(ex.tests) do
    rows[i] = { { pandoc.Plain(pandoc.Code(t.id)) }, { pandoc.Plain(words(tostring(t.points))) },
      { pandoc.Plain(words(t.class)) }, { pandoc.Plain(words(t.hint)) } }
  end
  blocks:insert(pandoc.utils.from_simple_table(pandoc.SimpleTable({},
    { "AlignLeft", "AlignRight", "AlignLeft", "AlignLeft" }, { 0.2, 0.08, 0.1, 0.62 },
    { { pandoc.Plain(words("Test")) }, { pandoc.Plain(words("Points")) }, { pandoc.Plain(words("Class")) },
      { pandoc.Plain(words("Hint, shown to the student when it fails")) } }, rows)))

  -- The files the manifest names first, in its order, then any other.
  local sol = soldir .. "/" .. ex.chapter .. "/" .. ex.folder .. "/"
  local order, seen = {}, {}
  for _, f in ipairs(ex.files) do
    if files[sol .. f] then
      order[#order + 1] = sol .. f
      seen[sol .. f] = true
    end
  end
  local rest = {}
  for path in pairs(files) do
    if path:sub(1, #sol) == sol and not seen[path] then
      rest[#rest + 1] = path
    end
  end
  table.sort(rest)
  for _, path in ipairs(rest) do
    order[#order + 1] = path
  end
  if #order == 0 and ex.kind == "numeric" then
    blocks:insert(pandoc.Para(words("No reference solution: each student's numbers come from their id, and")
      .. { pandoc.Space(), pandoc.Code("make problems STUDENT=<id> ANSWERS=1"), pandoc.Space() }
      .. words("prints a student's problem with its answers, which the grader works out the same way.")))
  elseif #order == 0 then
    fail("exercise %s (%s) has no reference solution in %s", ex.id, ex.dir, sol)
  end

  for _, path in ipairs(order) do
    if path:find("%.md$") then
      blocks:insert(pandoc.Div(pandoc.Para(pandoc.Code(path)), pandoc.Attr("", { "listing-file" })))
      blocks:insert(pandoc.Div(markdown(path, 2, "sol-" .. ex.id .. "-"), pandoc.Attr("", { "model-answer" })))
    else
      local name = path:match("[^/]+$")
      local lang = languages[name] or languages[name:match("%.(%w+)$") or ""]
      -- include.lua reads the file, names it above the listing and
      -- records it in the page's depfile.
      blocks:insert(pandoc.CodeBlock("", pandoc.Attr("", { lang }, { include = path })))
    end
  end
  return blocks
end

local function exercise_table(exercises)
  local rows = {}
  for i, ex in ipairs(exercises) do
    rows[i] = { { pandoc.Plain(reference("ex:" .. ex.id)) }, { pandoc.Plain(words(ex.title)) },
      { pandoc.Plain(words(ex.kind)) }, { pandoc.Plain(words(tostring(ex.total))) } }
  end
  return pandoc.utils.from_simple_table(pandoc.SimpleTable({}, { "AlignLeft", "AlignLeft", "AlignLeft", "AlignRight" },
    { 0.18, 0.56, 0.12, 0.1 }, { { pandoc.Plain(words("Exercise")) }, { pandoc.Plain(words("Title")) },
      { pandoc.Plain(words("Kind")) }, { pandoc.Plain(words("Points")) } }, rows))
end

function Pandoc(doc)
  local meta = doc.meta
  if not meta.exercises then
    return nil
  end
  local list = stringify(meta.exercises)
  local edition = stringify(meta.edition or "student")
  local exdir = stringify(meta.exdir)
  soldir = stringify(meta.soldir)
  meta.exercises, meta.edition, meta.exdir, meta.soldir = nil, nil, nil, nil

  local exercises, files = {}, {}
  for path in read(list):gmatch("[^\n]+") do
    if path:sub(1, #exdir + 1) == exdir .. "/" and path:find("/manifest$") then
      exercises[#exercises + 1] = manifest(path)
    elseif path:sub(1, #soldir + 1) == soldir .. "/" then
      files[path] = true
    end
  end
  table.sort(exercises, function(a, b)
    if a.chapter ~= b.chapter then
      return a.chapter < b.chapter
    end
    return a.k < b.k
  end)

  local blocks = pandoc.List()
  for _, block in ipairs(doc.blocks) do
    if block.t == "Div" and block.classes:includes("solutions") then
      if edition ~= "instructor" then
        fail("a solutions Div in the %s edition: solutions are for the instructor edition only", edition)
      end
      for _, ex in ipairs(exercises) do
        blocks:extend(solution(ex, files))
      end
    elseif block.t == "Div" and block.classes:includes("exercise-table") then
      blocks:insert(exercise_table(exercises))
    else
      blocks:insert(block)
    end
  end

  local page = stringify(meta.page)
  if stringify(meta.part) == "chapter" and #exercises > 0 then
    blocks:insert(pandoc.Header(2, "Exercises", pandoc.Attr("sec:" .. page .. "-exercises")))
    for _, ex in ipairs(exercises) do
      if ex.chapter ~= page then
        fail("%s: exercise %s belongs to chapter %s", page, ex.id, ex.chapter)
      end
      blocks:extend(statement(ex, edition))
    end
  end
  return pandoc.Pandoc(blocks, meta)
end

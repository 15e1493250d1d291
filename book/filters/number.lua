-- Index pass over one page: number its headings and figures, and record
-- what other pages need to know about it.
--
-- Metadata in: page (e.g. 01-layout), part (front, chapter or back),
-- bookdir (where the label and search files go), figdir (figure sources).
--
-- Chapter N takes its number from its file name (chapters/NN-slug.md), not
-- from its position, so adding or editing one chapter never renumbers
-- another: that is what lets a prose edit rebuild a single page.  Sections
-- are N.M and N.M.K, figures N.K, as LaTeX numbers them in the PDF.  Front
-- and back matter are unnumbered and may hold no figures.
--
-- Out: the page's AST with a "number" attribute on each numbered heading
-- and figure (xref.lua turns it into text), a leading book-page marker
-- (where LaTeX switches between front, main and back matter), and two
-- files rewritten only when their content changes:
--   BOOKDIR/lab/PAGE.lab  the page's labels (see bookmap.lua)
--   BOOKDIR/find/PAGE.js  its search entries, one per section

package.path = PANDOC_SCRIPT_FILE:gsub("[^/]*$", "?.lua;") .. package.path
local bookmap = require("bookmap")
local stringify = pandoc.utils.stringify

local function fail(page, fmt, ...)
  io.stderr:write("number.lua: " .. page .. ": " .. string.format(fmt, ...) .. "\n")
  os.exit(1)
end

local function is_figure(block)
  return block.t == "Para" and #block.content == 1
    and block.content[1].t == "Image" and block.content[1].title:sub(1, 4) == "fig:"
end

local function figure_source_exists(figdir, src)
  local rel = src:match("^figures/(.+)$")
  if not rel or rel:find("%.%w+$") then
    return false
  end
  for _, ext in ipairs({ ".dot", ".svg", ".gp" }) do
    local f = io.open(figdir .. "/" .. rel .. ext, "r")
    if f then
      f:close()
      return true
    end
  end
  return false
end

local function js_string(s)
  s = s:gsub('[%c"\\]', function(c)
    if c == "\n" or c == "\t" then
      return " "
    end
    return string.format("\\u%04x", c:byte())
  end)
  return '"' .. s .. '"'
end

function Pandoc(doc)
  local meta = doc.meta
  local page = stringify(meta.page)
  local part = stringify(meta.part)
  local bookdir = stringify(meta.bookdir)
  local figdir = stringify(meta.figdir)
  local chapter = part == "chapter" and tonumber(page:match("^(%d+)%-")) or nil

  local labels, title = {}, nil
  local counters, figures = { 0, 0, 0 }, 0
  -- Search entries: one per level-1 or level-2 section.
  local entries, current = {}, nil

  local function header(h)
    if h.identifier ~= "" and not h.identifier:find(":") then
      -- Automatic ids ("exercises") would clash once all pages become one
      -- EPUB or PDF; explicit ones (sec:...) are the author's to keep unique.
      h.identifier = page .. "-" .. h.identifier
    end
    if h.level == 1 then
      if title then
        fail(page, 'second level-1 heading "%s": one page, one chapter', stringify(h.content))
      end
      title = stringify(h.content)
    end
    local number, unnumbered = "", h.classes:includes("unnumbered")
    if not unnumbered and (not chapter or h.level > 3) then
      h.classes:insert("unnumbered")
    elseif not unnumbered then
      counters[h.level] = counters[h.level] + 1
      for l = h.level + 1, 3 do
        counters[l] = 0
      end
      if h.level == 1 then
        counters[1] = chapter
      end
      number = table.concat(counters, ".", 1, h.level)
      h.attributes.number = number
    end
    -- Headings that exercises.lua made carry their own kind and number.
    local kind = h.attributes["xref-type"]
    if kind then
      number = h.attributes["xref-number"]
      h.attributes["xref-type"], h.attributes["xref-number"] = nil, nil
    end
    if kind or h.level <= 3 then
      labels[#labels + 1] = bookmap.line({
        type = kind or "sec", id = h.identifier, page = page, number = number,
        extra = h.level, title = stringify(h.content),
      })
    end
    if h.level <= 2 then
      -- An exercise's number is in its title already.
      local shown = kind and "" or number
      current = { id = h.identifier, title = (shown .. " " .. stringify(h.content)):gsub("^ ", ""), text = {} }
      entries[#entries + 1] = current
    end
    return h
  end

  local function figure(para)
    local img = para.content[1]
    if not chapter then
      fail(page, "figure %s: figures belong in chapters, not in front or back matter", img.src)
    end
    if not figure_source_exists(figdir, img.src) then
      fail(page, "figure %s: no %s/%s.{dot,svg,gp} (write the path as figures/NN-slug/name, no extension)",
        img.src, figdir, img.src:gsub("^figures/", ""))
    end
    figures = figures + 1
    img.attributes.number = chapter .. "." .. figures
    if img.identifier ~= "" then
      labels[#labels + 1] = bookmap.line({
        type = "fig", id = img.identifier, page = page,
        number = img.attributes.number, extra = "-", title = stringify(img.caption),
      })
    end
    return para
  end

  local blocks = {}
  for _, block in ipairs(doc.blocks) do
    block = pandoc.walk_block(pandoc.Div({ block }), {
      Header = header,
      Para = function(p)
        if is_figure(p) then
          return figure(p)
        end
      end,
    }).content[1]
    if current and not (block.t == "Header" and block.level <= 2) then
      -- References are not resolved yet: leave them out of the search
      -- text.  Table cells and list items hold blocks of their own: a space
      -- after each keeps their words apart.
      current.text[#current.text + 1] = stringify(pandoc.walk_block(block, {
        Cite = function() return {} end,
        Plain = function(p) return pandoc.Plain(p.content .. { pandoc.Space() }) end,
        Para = function(p) return pandoc.Para(p.content .. { pandoc.Space() }) end,
      }))
    end
    blocks[#blocks + 1] = block
  end
  if not title then
    fail(page, "no level-1 heading: a page starts with its title")
  end

  bookmap.replace(bookdir .. "/lab/" .. page .. ".lab",
    bookmap.line({ type = "page", id = page, page = page, number = chapter, extra = part, title = title })
    .. table.concat(labels))

  local js = {}
  for _, e in ipairs(entries) do
    js[#js + 1] = string.format("{u:%s,t:%s,x:%s},\n",
      js_string(page .. ".html#" .. e.id), js_string(e.title), js_string(table.concat(e.text, " ")))
  end
  bookmap.replace(bookdir .. "/find/" .. page .. ".js", table.concat(js))

  table.insert(blocks, 1, pandoc.Div({}, pandoc.Attr("", { "book-page" },
    { page = page, part = part, number = tostring(chapter or "") })))
  meta.page, meta.part, meta.bookdir, meta.figdir = nil, nil, nil, nil
  return pandoc.Pandoc(blocks, meta)
end

-- Render pass: resolve @fig:... and @sec:... against the book's label map
-- and show the numbers that number.lua computed.
--
-- Metadata in: labels (the map, see bookmap.lua) and, for one HTML page of
-- the multi-page site, page (its id): a reference to another page then
-- links to that page's file.  Without page, the input is the whole book
-- (EPUB, PDF) and every link stays inside the document.
--
-- LaTeX numbers headings and figures itself (--number-sections): there the
-- filter only sets the chapter counter, so that chapter NN is numbered NN
-- even while earlier chapters are missing.  (LaTeX gets one page at a
-- time, and book.mk switches between front, main and back matter.)
-- Elsewhere the numbers become part of the text.

package.path = PANDOC_SCRIPT_FILE:gsub("[^/]*$", "?.lua;") .. package.path
local bookmap = require("bookmap")
local stringify = pandoc.utils.stringify

local latex = FORMAT == "latex"
local labels, page

local function target(rec)
  if page and rec.page ~= page then
    return rec.page .. ".html#" .. rec.id
  end
  return "#" .. rec.id
end

local function ref_text(rec)
  if rec.number == "" then
    return rec.title
  elseif rec.type == "fig" then
    return "Figure " .. rec.number
  elseif rec.type == "ex" then
    return "Exercise " .. rec.number
  elseif rec.type == "sol" then
    return "Solution " .. rec.number
  elseif rec.extra == "1" then
    return "Chapter " .. rec.number
  end
  return "Section " .. rec.number
end

local function cite(c)
  local out = pandoc.List()
  for i, citation in ipairs(c.citations) do
    local rec = labels[citation.id]
    if not rec then
      io.stderr:write(string.format("xref.lua: %s: unresolved reference @%s\n",
        page or "book", citation.id))
      os.exit(1)
    end
    if i > 1 then
      out:extend({ pandoc.Str(","), pandoc.Space() })
    end
    out:extend(citation.prefix)
    if #citation.prefix > 0 then
      out:insert(pandoc.Space())
    end
    out:insert(pandoc.Link(ref_text(rec), target(rec)))
    out:extend(citation.suffix)
  end
  return out
end

local function header(h)
  local number = h.attributes.number
  if number then
    h.attributes.number = nil
    if not latex then
      h.content:insert(1, pandoc.Space())
      h.content:insert(1, pandoc.Span(number, { class = "secno" }))
    end
  end
  return h
end

local function figure(p)
  local img = p.content[1]
  if p.t ~= "Para" or #p.content ~= 1 or img.t ~= "Image" or not img.attributes.number then
    return nil
  end
  -- Sources name figures without extension: the PDF takes the PDF
  -- conversion, the others the SVG.
  img.src = img.src .. (latex and ".pdf" or ".svg")
  if not latex then
    img.caption:insert(1, pandoc.Space())
    img.caption:insert(1, pandoc.Str("Figure " .. img.attributes.number .. ":"))
  end
  img.attributes.number = nil
  return p
end

local function page_marker(div)
  if not div.classes:includes("book-page") then
    return nil
  end
  if not latex or div.attributes.part ~= "chapter" then
    return {}
  end
  return pandoc.RawBlock("latex",
    string.format("\\setcounter{chapter}{%d}", tonumber(div.attributes.number) - 1))
end

return {
  {
    Meta = function(meta)
      labels = select(2, bookmap.read(stringify(meta.labels)))
      page = meta.page and stringify(meta.page)
    end,
  },
  { Cite = cite, Header = header, Para = figure, Div = page_marker },
}

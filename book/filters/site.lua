-- The multi-page site around one HTML page: sidebar, previous/next links,
-- page title and, for page "index", the title page's table of contents.
-- Everything comes from the label map (see bookmap.lua), so each page is
-- rendered alone and still knows the whole book.
--
-- Metadata in: labels, page.  Out, for templates/page.html: booktoc (the
-- sidebar's list), prev-url, prev-title, next-url, next-title, pagetitle,
-- and index (true on the title page).

package.path = PANDOC_SCRIPT_FILE:gsub("[^/]*$", "?.lua;") .. package.path
local bookmap = require("bookmap")
local stringify = pandoc.utils.stringify

local function esc(s)
  return (s:gsub("[&<>\"]", { ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;" }))
end

local function numbered(rec)
  -- An exercise's number is in its title already.
  if rec.number == "" or rec.type == "ex" or rec.type == "sol" then
    return esc(rec.title)
  end
  return '<span class="secno">' .. esc(rec.number) .. "</span> " .. esc(rec.title)
end

local records

local function sections(page)
  local list = {}
  for _, r in ipairs(records) do
    if r.type ~= "fig" and r.page == page and r.extra == "2" then
      list[#list + 1] = r
    end
  end
  return list
end

local function page_list(pages, current, all_sections)
  local out = { "<ol>" }
  for _, p in ipairs(pages) do
    local here = p.id == current
    out[#out + 1] = string.format('<li class="%s%s"><a href="%s.html"%s>%s</a>',
      p.extra, here and " current" or "", p.id, here and ' aria-current="page"' or "", numbered(p))
    if here or all_sections then
      local secs = sections(p.id)
      if #secs > 0 then
        out[#out + 1] = "<ol>"
        for _, s in ipairs(secs) do
          out[#out + 1] = string.format('<li><a href="%s.html#%s">%s</a></li>', p.id, esc(s.id), numbered(s))
        end
        out[#out + 1] = "</ol>"
      end
    end
    out[#out + 1] = "</li>"
  end
  out[#out + 1] = "</ol>"
  return table.concat(out, "\n")
end

function Pandoc(doc)
  local meta = doc.meta
  local path, page = stringify(meta.labels), stringify(meta.page)
  local pages, _, all = bookmap.read(path)
  records = all
  local order = { { id = "index", title = "Contents" } }
  for _, p in ipairs(pages) do
    order[#order + 1] = p
  end
  for i, p in ipairs(order) do
    if p.id == page then
      if order[i - 1] then
        meta["prev-url"] = order[i - 1].id .. ".html"
        meta["prev-title"] = order[i - 1].title
      end
      if order[i + 1] then
        meta["next-url"] = order[i + 1].id .. ".html"
        meta["next-title"] = order[i + 1].title
      end
      meta.pagetitle = p.title
    end
  end
  meta.booktoc = pandoc.RawBlock("html", page_list(pages, page, false))
  if page == "index" then
    meta.index = true
    doc.blocks = { pandoc.RawBlock("html", '<nav class="book-contents">\n<h2>Contents</h2>\n'
      .. page_list(pages, nil, true) .. "\n</nav>") }
  end
  doc.meta = meta
  return doc
end

-- Render passes: every code block becomes the markup its writer would give
-- it, kept in a cache folder (metadata hlcache, which book.mk makes)
-- under a hash of what that markup depends on.  Highlighting is most of
-- the cost of writing a page (0.3 s of a chapter's 0.45 s, 1.1 s of the
-- EPUB's 2 s), and a prose edit changes no listing: the next run finds
-- them all in the cache.  Without hlcache, code is left to the writer
-- (book.mk's highlighting.tex and highlighting.css need it to see code,
-- to write the style's macros).
--
-- In HTML, code blocks without an identifier get code-1, code-2, ... in
-- document order (not cb1, cb2, ..., which the writer gives those it
-- sets), so that the markup of each is complete on its own.  Blocks inside footnotes
-- and tables are left to the writer, which sets code differently there.

local dir, salt
local raw = { latex = "latex", html5 = "html", epub3 = "html" }
local writer = { latex = "latex", html5 = "html5", epub3 = "html5" }

local function read(path)
  local f = io.open(path, "rb")
  if not f then
    return nil
  end
  local s = f:read("a")
  f:close()
  return s
end

local function write(path, s)
  local tmp = os.tmpname()
  os.remove(tmp)
  tmp = path .. "." .. tmp:match("[^/]+$")
  local f = assert(io.open(tmp, "wb"))
  f:write(s)
  f:close()
  assert(os.rename(tmp, path))
end

-- A fragment, not a document: the run's style, no template, and no line
-- breaks inside tags.
local function render(block)
  return pandoc.write(pandoc.Pandoc({ block }), writer[FORMAT],
    { highlight_style = PANDOC_WRITER_OPTIONS.highlight_style, wrap_text = "wrap-none" })
end

local count = 0

local function code(block)
  if block.identifier == "" and raw[FORMAT] == "html" then
    count = count + 1
    block.identifier = "code-" .. count
  end
  local attrs = {}
  for k, v in pairs(block.attributes) do
    attrs[#attrs + 1] = k .. "=" .. v
  end
  table.sort(attrs)
  local key = pandoc.utils.sha1(table.concat({ salt, block.identifier,
    table.concat(block.classes, " "), table.concat(attrs, " "), block.text }, "\0"))
  local path = dir .. "/" .. key
  local markup = read(path)
  if not markup then
    markup = render(block)
    write(path, markup)
  end
  return pandoc.RawBlock(raw[FORMAT], markup)
end

local function skip(el)
  return el, false
end

return {
  {
    Meta = function(meta)
      if not writer[FORMAT] then
        return
      end
      dir = pandoc.utils.stringify(meta.hlcache or "")
      if dir == "" then
        dir = nil
        return
      end
      -- The writer, its version and the highlighting style, in a probe.
      salt = FORMAT .. tostring(PANDOC_VERSION) .. render(pandoc.CodeBlock("int x;", { class = "c" }))
    end,
  },
  {
    traverse = "topdown",
    Note = skip,
    Table = skip,
    CodeBlock = function(block)
      if dir then
        return code(block)
      end
    end,
  },
}

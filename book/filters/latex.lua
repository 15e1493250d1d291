-- Render pass, PDF only: what LaTeX gets wrong on its own.
--
-- Inline code may break after a "/", "_", "." or "-": a path or a long
-- identifier in a narrow table column would otherwise run into the margin.
-- (Code blocks wrap through fvextra, see defaults/latex.yaml.)  Headings
-- keep theirs whole: they go into the PDF's outline too, as plain text.
--
-- An unnumbered chapter (front and back matter) sets the running header:
-- \chapter* leaves it alone, so its pages would carry the header of the
-- page before, "Contents" for the first pages of the book.

local function latex(inlines)
  return (pandoc.write(pandoc.Pandoc({ pandoc.Plain(inlines) }), "latex"):gsub("\n$", ""))
end

-- An empty discretionary costs \exhyphenpenalty: LaTeX breaks there only
-- where the line needs it, as at a hyphen.
local breakable = "%0\\discretionary{}{}{}"

return {
  {
    traverse = "topdown",
    Header = function(h)
      if h.level ~= 1 or not h.classes:includes("unnumbered") then
        return h, false
      end
      local title = latex(h.content)
      return { h, pandoc.RawBlock("latex", "\\markboth{" .. title .. "}{" .. title .. "}") }, false
    end,
    Code = function(c)
      return pandoc.RawInline("latex", (latex({ c }):gsub("\\_", breakable):gsub("[/.%-]", breakable)))
    end,
  },
}

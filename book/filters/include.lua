-- Literate listings: code blocks that take their text from real files or
-- from real runs, so that nothing shown in the book is typed by hand.
--
--   ```{.c include="sim/01-layout/vma.c" region="find_vma"}```
--   ```{.c include="sim/01-layout/vma.c" lines="10-20"}```
--   ```{.console run="build/sim/01-layout/vma -s 3"}```
--   ```{.console run="build/sim/01-layout/vma -s x" status="2"}```
--
-- Regions are delimited by lines containing "@region NAME" and "@end NAME"
-- (inside whatever comment syntax the file uses); every marker line is
-- dropped from what the reader sees.  Anything that cannot be shown exactly
-- as asked stops the build with one line naming the file and the region:
-- a listing silently gone stale is worse than a failed build.
--
-- Paths are relative to the top of the repository, where make runs pandoc.
-- With metadata "depfile" and "deptarget", the filter writes a make
-- depfile so the page is rebuilt when an included file or a run program
-- changes.

local deps, seen = {}, {}

local function depend(path)
  if not seen[path] then
    seen[path] = true
    deps[#deps + 1] = path
  end
end

local function fail(fmt, ...)
  io.stderr:write("include.lua: " .. string.format(fmt, ...) .. "\n")
  os.exit(1)
end

local function read_lines(path)
  local f, err = io.open(path, "r")
  if not f then
    fail("%s: cannot read (%s)", path, err)
  end
  local lines = {}
  for line in f:lines() do
    lines[#lines + 1] = line
  end
  f:close()
  return lines
end

-- Match NAME as a whole word, so "@region map" is not "@region map_pages".
local function marker(line, kind, name)
  local pat = "@" .. kind .. "%s+" .. name:gsub("%p", "%%%0") .. "%f[^%w_]"
  return line:find(pat) ~= nil
end

local function is_marker(line)
  return line:find("@region%s+[%w_]") or line:find("@end%s+[%w_]")
end

local function region(path, lines, name)
  local first, last
  for i, line in ipairs(lines) do
    if marker(line, "region", name) then
      if first then
        fail('%s: region "%s" starts twice (lines %d and %d)', path, name, first, i)
      end
      first = i
    elseif first and not last and marker(line, "end", name) then
      last = i
    end
  end
  if not first then
    fail('%s: no @region %s', path, name)
  end
  if not last then
    fail('%s: region "%s" has no @end %s', path, name, name)
  end
  return first + 1, last - 1
end

local function line_range(path, lines, spec)
  local a, b = spec:match("^(%d+)%-(%d+)$")
  if not a then
    a = spec:match("^(%d+)$")
    b = a
  end
  a, b = tonumber(a), tonumber(b)
  if not a or a < 1 or b < a or b > #lines then
    fail('%s: bad line range "%s" (the file has %d lines)', path, spec, #lines)
  end
  return a, b
end

-- Drops blank lines at both ends and the leading whitespace that all other
-- lines share (compared character by character: tabs and spaces may mix).
local function trim(lines)
  local first, last = 1, #lines
  while first <= last and not lines[first]:find("%S") do
    first = first + 1
  end
  while last >= first and not lines[last]:find("%S") do
    last = last - 1
  end
  local indent
  for i = first, last do
    if lines[i]:find("%S") then
      local lead = lines[i]:match("^[ \t]*")
      if not indent then
        indent = lead
      else
        local n = 0
        while n < #indent and indent:byte(n + 1) == lead:byte(n + 1) do
          n = n + 1
        end
        indent = indent:sub(1, n)
      end
    end
  end
  local out = {}
  for i = first, last do
    out[#out + 1] = lines[i]:sub(#(indent or "") + 1)
  end
  return out
end

local function include(path, attr)
  depend(path)
  local lines = read_lines(path)
  local first, last = 1, #lines
  if attr.region then
    first, last = region(path, lines, attr.region)
  elseif attr.lines then
    first, last = line_range(path, lines, attr.lines)
  end
  local shown = {}
  for i = first, last do
    if not is_marker(lines[i]) then
      shown[#shown + 1] = lines[i]
    end
  end
  return table.concat(trim(shown), "\n")
end

-- Runs cmd from the top of the tree and returns what a reader would see in
-- a terminal: the prompt line, then stdout and stderr as they interleave.
local function run(cmd, expected)
  -- Every file the command names, not just the program it starts with:
  -- "grep x build/capture/... | build/sim/..." depends on both.
  for word in cmd:gmatch("[^%s|;<>()]+") do
    word = word:gsub("^['\"]", ""):gsub("['\"]$", "")
    if word:find("/") and not word:find("^%-") then
      local f = io.open(word, "r")
      if f then
        -- A directory opens too, but cannot be read.
        if f:read(0) then
          depend(word)
        end
        f:close()
      end
    end
  end
  local p = io.popen("(" .. cmd .. ") </dev/null 2>&1; echo \"@@status=$?\"")
  local out = p:read("a")
  p:close()
  local text, status = out:match("^(.-)\n?@@status=(%d+)\n$")
  status = tonumber(status)
  if status ~= expected then
    io.stderr:write(text, "\n")
    fail('run "%s": exit status %d, expected %d', cmd, status, expected)
  end
  local shown = cmd:gsub("^%S*/", "")
  return "$ " .. shown .. "\n" .. text
end

function CodeBlock(block)
  local attr = block.attributes
  if attr.include then
    block.text = include(attr.include, attr)
  elseif attr.run then
    block.text = run(attr.run, tonumber(attr.status or "0"))
  else
    return nil
  end
  local source = attr.include and not attr.include:find("^build/") and attr.include
  for _, k in ipairs({ "include", "region", "lines", "run", "status" }) do
    attr[k] = nil
  end
  if source then
    -- Name the source file above its listing, so the reader can open it;
    -- a transcript under build/ is named by the prose instead.
    return { pandoc.Div(pandoc.Para(pandoc.Code(source)), pandoc.Attr("", { "listing-file" })), block }
  end
  return block
end

-- One depfile line per dependency, plus an empty rule for each (as gcc -MP
-- does) so that deleting an included file makes the page rebuild and fail
-- with the message above, instead of make stopping with "no rule".
function Meta(meta)
  if not meta.depfile then
    return nil
  end
  local path = pandoc.utils.stringify(meta.depfile)
  local target = pandoc.utils.stringify(meta.deptarget)
  local f = io.open(path, "w")
  f:write(target, ":")
  for _, d in ipairs(deps) do
    f:write(" ", d)
  end
  f:write("\n")
  for _, d in ipairs(deps) do
    f:write(d, ":\n")
  end
  f:close()
  meta.depfile, meta.deptarget = nil, nil
  return meta
end

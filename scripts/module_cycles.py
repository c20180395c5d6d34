#!/usr/bin/env python3
"""Lists import cycles among rmacheck's modules, from `crate::` and `super::` paths in src/
(comments and `mod tests` blocks left out): level 1 between top-level modules, level 2 between
the modules inside one top-level module. Run from the repository root; exits 1 on a cycle."""
import os, re, sys
root='src'
mods={}  # file -> module path
def modpath(f):
    rel=os.path.relpath(f,root)[:-3].split('/')
    if rel[-1] in('mod',): rel=rel[:-1]
    if rel in (['lib'],['main']): return []
    return rel
edges={1:{},2:{}}
for dp,_,fs in os.walk(root):
    for fn in fs:
        if not fn.endswith('.rs'): continue
        f=os.path.join(dp,fn); mp=modpath(f)
        if not mp: continue
        text=open(f).read()
        # drop test modules (cfg(test)) roughly: cut at '#[cfg(test)]\nmod tests'
        i=text.find('#[cfg(test)]\nmod tests')
        if i>=0: text=text[:i]
        text=re.sub(r'//.*','',text)
        for depth in (1,2):
            src=tuple(mp[:depth])
            if len(mp)<depth: continue
            for m in re.finditer(r'crate::((?:\w+::)*\w+)',text):
                tgt=tuple(m.group(1).split('::')[:depth])
                if len(tgt)<depth: tgt=tgt
                if tgt[:1]!=src[:1] or depth==2:
                    if tgt!=src and (depth==1 or (tgt[:1]==src[:1] and len(tgt)==2)):
                        edges.setdefault(depth,{}).setdefault(src,set()).add(tgt)
            if depth==2 and len(mp)>=2:
                for m in re.finditer(r'\bsuper::(\w+)',text):
                    # super from mp[:-1] file perspective
                    parent=mp[:-1] if not f.endswith('mod.rs') else mp[:-1]
                    tgt=tuple((parent+[m.group(1)])[:2])
                    if len(tgt)==2 and tgt!=src and tgt[0]==src[0]:
                        edges[2].setdefault(src,set()).add(tgt)
def sccs(g):
    idx={};low={};st=[];on=set();out=[];c=[0]
    def sc(v):
        idx[v]=low[v]=c[0];c[0]+=1;st.append(v);on.add(v)
        for w in g.get(v,()):
            if w not in idx: sc(w);low[v]=min(low[v],low[w])
            elif w in on: low[v]=min(low[v],idx[w])
        if low[v]==idx[v]:
            comp=[]
            while True:
                w=st.pop();on.discard(w);comp.append(w)
                if w==v:break
            if len(comp)>1: out.append(comp)
    sys.setrecursionlimit(10000)
    for v in list(g): 
        if v not in idx: sc(v)
    return out
for depth in (1,2):
    g=edges.get(depth,{})
    print(f"level {depth}:")
    for comp in sccs(g):
        names=['::'.join(x) for x in comp]
        pairs=[('::'.join(a),'::'.join(b)) for a in comp for b in g.get(a,()) if b in comp]
        print("  cycle among", sorted(names))
        for a,b in sorted(pairs): print("    ",a,"->",b)
found = any(sccs(edges.get(d, {})) for d in (1, 2))
if not found:
    print("no cycles")
sys.exit(1 if found else 0)

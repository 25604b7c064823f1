var u=class extends Error{},U=document.body.dataset.graphql||"/graphql";async function w(t,e={}){let n=/^\s*query\s+(\w+)/m.exec(t)?.[1],r;try{r=await fetch(U,{method:"POST",headers:{"Content-Type":"application/json",Accept:"application/json"},body:JSON.stringify({query:t,variables:e,operationName:n})})}catch(s){throw new u(`network: ${s.message}`)}let a;try{a=await r.json()}catch{throw new u(`HTTP ${r.status} ${r.statusText}`)}if(a.errors?.length)throw new u(a.errors.map(s=>s.message).join("; "));if(!r.ok||!a.data)throw new u(`HTTP ${r.status} ${r.statusText}`);return a.data}function o(t,e=null,...n){let r=document.createElement(t);for(let[a,s]of Object.entries(e??{}))s==null||s===!1||(typeof s=="function"?r.addEventListener(a.slice(2),s):r.setAttribute(a,s===!0?"":String(s)));return v(r,n),r}function v(t,e){for(let n of e)n==null||n===!1||(Array.isArray(n)?v(t,n):t.appendChild(typeof n=="object"?n:document.createTextNode(String(n))))}function p(t,...e){t.replaceChildren(),v(t,e)}var N="sourcecmp.lang",K={compare:["比較","Compare"],playground:["GraphQL","GraphQL"],switchLang:["English","日本語"],switchLangLabel:["Switch to English","日本語に切り替える"],topic:["トピック","Topic"],loading:["読み込み中…","Loading…"],error:["データを取得できませんでした","Could not load the data"],retry:["再読み込み","Reload"],noTopics:["トピックがありません。","There are no topics."],noDocuments:["文書がありません。","There are no documents."],noStance:["この文書はこのトピックについて立場を示していません","No stance on this topic"],coverage:["このトピックに割かれた本文","Share of the text on this topic"],citations:["根拠となる引用","Supporting quotes"],evidence:["関連する箇所","Related passages"],openCitation:["本文で読む","Read in context"],unanchored:["本文の更新により位置を特定できません","No longer found in the updated text"],stances:["この文書の立場","This document's stances"],backToCompare:["比較に戻る","Back to the comparison"],notes:["注","Notes"],notesHere:["この段落の注","This paragraph's notes"],noteMissing:["（注の本文は原文にありません）","(the source does not give the note’s text)"],source:["原文","Source"],updated:["更新","updated"],notFound:["文書が見つかりません","Document not found"],citationNotFound:["引用が見つかりません","Quote not found"],positions:["立場の分布","Positions"]};function Q(){let t=new URLSearchParams(location.search).get("lang");if(t==="en"||t==="ja")return t;try{let e=localStorage.getItem(N);if(e==="en"||e==="ja")return e}catch{}return"ja"}var m=Q(),S=[];document.documentElement.lang=m;function x(){return m}function j(t){m=t,document.documentElement.lang=t;try{localStorage.setItem(N,t)}catch{}for(let e of S)e()}function L(t){S.push(t)}function i(t){return K[t][m==="ja"?0:1]}function T(t,e){return m==="en"&&e?e:t}function $(t){if(!t)return"";let e=new Date(t+"T00:00:00Z");if(Number.isNaN(e.getTime()))return t;let n={year:"numeric",month:m==="ja"?"long":"short",day:"numeric",timeZone:"UTC"};return new Intl.DateTimeFormat(m==="ja"?"ja-JP":"en-GB",n).format(e)}function D(t){let e=o("header",{class:"bar"}),n=o("main",{id:"main",class:`page page-${t}`}),r=()=>p(e,o("a",{class:"brand",href:"/compare"},o("span",{class:"brand-mark","aria-hidden":"true"}),"sourcecmp"),o("nav",{class:"nav"},o("a",{href:"/compare","aria-current":t==="compare"?"page":null},i("compare")),o("a",{href:"/"},i("playground"))),o("button",{type:"button",class:"lang","data-testid":"lang-toggle","aria-label":i("switchLangLabel"),onclick:()=>j(x()==="ja"?"en":"ja")},i("switchLang")));r(),L(r);let a=document.getElementById("app");return p(a,e,n),n}function I(t){p(t,o("p",{class:"status",role:"status"},i("loading")))}function k(t,e,n){p(t,o("div",{class:"status status-error",role:"alert","data-testid":"error"},o("h1",null,e),n&&o("p",{class:"status-detail"},n),o("button",{type:"button",onclick:()=>location.reload()},i("retry"))))}function q(t,e,n){let r=Array.from(t),a=r.length,s=d=>Math.max(0,Math.min(a,d)),c=n&&s(n.start)<s(n.end)?{start:s(n.start),end:s(n.end)}:null,l=e.map(d=>({...d,offset:s(d.offset)})),g=[...new Set([0,a,...l.map(d=>d.offset),...c?[c.start,c.end]:[]])].sort((d,C)=>d-C),b=document.createDocumentFragment(),y=b;return g.forEach((d,C)=>{c&&d===c.end&&(y=b);for(let h of l)h.offset===d&&y.appendChild(o("sup",{class:"fnref"},o("a",{href:h.href,title:h.title,"data-label":h.label},h.label)));c&&d===c.start&&(y=b.appendChild(o("mark",{class:"quote","data-testid":"citation-mark"})));let E=g[C+1];E!==void 0&&E>d&&y.appendChild(document.createTextNode(r.slice(d,E).join("")))}),b}var H=`query Citation($id: ID!) {
  node(id: $id) {
    ... on Citation {
      id
      quote
      start
      end
      anchored
      document {
        slug
      }
      paragraph {
        id
      }
      footnotes {
        id
      }
    }
  }
}
`;var P=`query Reader($slug: String!) {
  document(slug: $slug) {
    slug
    title
    subtitle
    publisher
    url
    series
    seriesNumber
    publishedOn
    updatedOn
    authors {
      name
      affiliation
      title
    }
    stances {
      topic {
        slug
        name
        nameEn: name(lang: EN)
        positions {
          slug
        }
      }
      position
      positionLabel
      positionLabelEn: positionLabel(lang: EN)
      summary
      summaryEn: summary(lang: EN)
      citations {
        id
      }
    }
    sections {
      ordinal
      heading
      level
      paragraphs {
        id
        ordinal
        text
        start
        footnoteRefs {
          label
          offset
          footnote {
            id
          }
        }
      }
    }
    footnotes {
      id
      label
      body
      urls
    }
  }
}
`;var f=D("reader"),M=decodeURIComponent(location.pathname.replace(/^\/documents\//,"").replace(/\/$/,"")),R=null;function V(){let t=/^#c=(.+)$/.exec(location.hash);return t?decodeURIComponent(t[1]):new URLSearchParams(location.search).get("citation")}async function F(){I(f);let t=V();try{let[e,n]=await Promise.all([w(P,{slug:M}),t?w(H,{id:t}).catch(()=>({node:null})):Promise.resolve(null)]);if(!e.document)return k(f,i("notFound"),M);let r=n?.node&&"quote"in n.node?n.node:null;if(r&&r.document.slug!==M){location.replace(`/documents/${encodeURIComponent(r.document.slug)}#c=${encodeURIComponent(r.id)}`);return}R={doc:e.document,citation:r,citationMissing:t!=null&&r==null},O(),B()}catch(e){k(f,i("error"),e instanceof u?e.message:String(e))}}function O(){if(!R)return;let{doc:t,citation:e,citationMissing:n}=R;document.title=`${t.title??t.slug} — sourcecmp`;let r=new Map(t.footnotes.map((a,s)=>[a.id,{note:a,anchor:`fn-${s+1}`}]));p(f,o("div",{class:"reader"},W(t),Z(t,e),n&&o("p",{class:"notice",role:"status"},i("citationNotFound")),e&&!e.anchored&&o("div",{class:"notice",role:"status"},i("unanchored"),o("blockquote",{lang:"ja"},e.quote)),o("article",{class:"body",lang:"ja"},t.sections.map(a=>[a.heading&&o(a.level>1?"h3":"h2",{class:"section-heading",id:`s-${a.ordinal}`},a.heading),a.paragraphs.map(s=>z(s,e,r))])),t.footnotes.length>0&&Y(t,r)))}function W(t){let e=[t.series,t.seriesNumber].filter(Boolean).join(" "),n=[$(t.publishedOn),t.updatedOn&&t.updatedOn!==t.publishedOn&&`${i("updated")} ${$(t.updatedOn)}`].filter(Boolean),r=[t.publisher,...n].filter(Boolean).join(" · ");return o("header",{class:"doc-header"},e&&o("p",{class:"doc-series"},e),o("h1",{class:"doc-h1","data-testid":"document-title"},t.title??t.slug),t.subtitle&&o("p",{class:"doc-subtitle"},t.subtitle),t.authors.length>0&&o("ul",{class:"byline"},t.authors.map(a=>o("li",null,o("span",{class:"byline-name"},a.name),[a.title,a.affiliation].filter(Boolean).join(" ")))),o("p",{class:"doc-meta"},r,t.url&&[r&&" · ",o("a",{href:t.url,rel:"noopener noreferrer",target:"_blank"},i("source"))]))}function Z(t,e){if(t.stances.length===0)return null;let n=a=>e!=null&&a.citations.some(s=>s.id===e.id),r=[...t.stances].sort((a,s)=>Number(n(s))-Number(n(a)));return o("section",{class:"doc-stances","aria-label":i("stances")},r.map(a=>o("div",{class:`doc-stance${n(a)?" is-cited":""}`},o("p",{class:"doc-stance-head"},o("span",{class:"doc-stance-topic"},T(a.topic.name,a.topic.nameEn)),o("span",{class:`pill pos-${_(a)}`},T(a.positionLabel,a.positionLabelEn)),o("a",{class:"back",href:`/compare?topic=${encodeURIComponent(a.topic.slug)}`},i("backToCompare"))),o("p",{class:"summary",lang:x()==="en"&&a.summaryEn?"en":"ja"},T(a.summary,a.summaryEn)))))}function _(t){let e=t.topic.positions.findIndex(n=>n.slug===t.position);return e<0?"none":String(e%6)}function z(t,e,n){let r=X(t,e),a=t.footnoteRefs.map(l=>{let g=n.get(l.footnote.id);return{offset:l.offset,label:l.label,href:`#${g?.anchor??""}`,title:g?.note.body??""}}),s=r!=null||e?.anchored&&e.paragraph?.id===t.id,c=[...new Set(t.footnoteRefs.map(l=>l.footnote.id))].map(l=>n.get(l)).filter(l=>l!=null);return o("div",{class:`para-row${s?" is-cited":""}`,id:`p-${t.ordinal}`,"data-paragraph":t.id},o("p",{class:"para"},q(t.text,a,r)),s&&c.length>0&&o("aside",{class:"sidenotes","data-testid":"cited-footnotes","aria-label":i("notesHere"),lang:"ja"},o("h4",null,i("notesHere")),c.map(l=>A(l.note,l.anchor))))}function X(t,e){if(!e||!e.anchored||e.start==null||e.end==null)return null;let n=Array.from(t.text).length,r=Math.max(e.start,t.start)-t.start,a=Math.min(e.end,t.start+n)-t.start;return r<a?{start:r,end:a}:null}function A(t,e){return o("div",{class:"note"},o("a",{class:"note-label",href:`#${e}`},t.label),o("span",{class:"note-text"},t.body??i("noteMissing")),t.urls.length>0&&o("span",{class:"note-urls"},t.urls.map(n=>o("a",{href:n,rel:"noopener noreferrer",target:"_blank"},n))))}function Y(t,e){let n=new Map;for(let r of t.sections)for(let a of r.paragraphs)for(let s of a.footnoteRefs){let c=n.get(s.footnote.id)??[];c.includes(a.ordinal)||c.push(a.ordinal),n.set(s.footnote.id,c)}return o("section",{class:"endnotes","aria-label":i("notes")},o("h2",{class:"section-heading"},i("notes")),o("ol",{lang:"ja"},t.footnotes.map(r=>o("li",{id:e.get(r.id).anchor},A(r,e.get(r.id).anchor),(n.get(r.id)??[]).map(a=>o("a",{class:"backref",href:`#p-${a}`,"aria-label":`¶${a+1}`},"↩"))))))}function B(){let t=f.querySelector('mark[data-testid="citation-mark"]'),e=/^#p-(\d+)$/.exec(location.hash),n=t??(e?document.getElementById(`p-${e[1]}`):null);n&&(t||n.classList.add("is-target"),n.scrollIntoView({block:"center"}),n.classList.add("flash"))}L(()=>{O(),f.querySelector('mark[data-testid="citation-mark"]')?.scrollIntoView({block:"center"})});window.addEventListener("hashchange",()=>{location.hash.startsWith("#c=")?F():location.hash.startsWith("#p-")&&(f.querySelectorAll(".is-target").forEach(t=>t.classList.remove("is-target")),B())});F();

var c=class extends Error{},k=document.body.dataset.graphql||"/graphql";async function f(t,n={}){let a=/^\s*query\s+(\w+)/m.exec(t)?.[1],o;try{o=await fetch(k,{method:"POST",headers:{"Content-Type":"application/json",Accept:"application/json"},body:JSON.stringify({query:t,variables:n,operationName:a})})}catch(r){throw new c(`network: ${r.message}`)}let s;try{s=await o.json()}catch{throw new c(`HTTP ${o.status} ${o.statusText}`)}if(s.errors?.length)throw new c(s.errors.map(r=>r.message).join("; "));if(!o.ok||!s.data)throw new c(`HTTP ${o.status} ${o.statusText}`);return s.data}function e(t,n=null,...a){let o=document.createElement(t);for(let[s,r]of Object.entries(n??{}))r==null||r===!1||(typeof r=="function"?o.addEventListener(s.slice(2),r):o.setAttribute(s,r===!0?"":String(r)));return h(o,a),o}function h(t,n){for(let a of n)a==null||a===!1||(Array.isArray(a)?h(t,a):t.appendChild(typeof a=="object"?a:document.createTextNode(String(a))))}function p(t,...n){t.replaceChildren(),h(t,n)}var E="sourcecmp.lang",D={compare:["比較","Compare"],playground:["GraphQL","GraphQL"],switchLang:["English","日本語"],switchLangLabel:["Switch to English","日本語に切り替える"],topic:["トピック","Topic"],loading:["読み込み中…","Loading…"],error:["データを取得できませんでした","Could not load the data"],retry:["再読み込み","Reload"],noTopics:["トピックがありません。","There are no topics."],noDocuments:["文書がありません。","There are no documents."],noStance:["この文書はこのトピックについて立場を示していません","No stance on this topic"],coverage:["このトピックに割かれた本文","Share of the text on this topic"],citations:["根拠となる引用","Supporting quotes"],evidence:["関連する箇所","Related passages"],openCitation:["本文で読む","Read in context"],unanchored:["本文の更新により位置を特定できません","No longer found in the updated text"],stances:["この文書の立場","This document's stances"],backToCompare:["比較に戻る","Back to the comparison"],notes:["注","Notes"],notesHere:["この段落の注","This paragraph's notes"],noteMissing:["（注の本文は原文にありません）","(the source does not give the note’s text)"],source:["原文","Source"],updated:["更新","updated"],notFound:["文書が見つかりません","Document not found"],citationNotFound:["引用が見つかりません","Quote not found"],positions:["立場の分布","Positions"]};function H(){let t=new URLSearchParams(location.search).get("lang");if(t==="en"||t==="ja")return t;try{let n=localStorage.getItem(E);if(n==="en"||n==="ja")return n}catch{}return"ja"}var u=H(),L=[];document.documentElement.lang=u;function d(){return u}function x(t){u=t,document.documentElement.lang=t;try{localStorage.setItem(E,t)}catch{}for(let n of L)n()}function m(t){L.push(t)}function i(t){return D[t][u==="ja"?0:1]}function l(t,n){return u==="en"&&n?n:t}function w(t){if(!t)return"";let n=new Date(t+"T00:00:00Z");if(Number.isNaN(n.getTime()))return t;let a={year:"numeric",month:u==="ja"?"long":"short",day:"numeric",timeZone:"UTC"};return new Intl.DateTimeFormat(u==="ja"?"ja-JP":"en-GB",a).format(n)}function C(t){let n=e("header",{class:"bar"}),a=e("main",{id:"main",class:`page page-${t}`}),o=()=>p(n,e("a",{class:"brand",href:"/compare"},e("span",{class:"brand-mark","aria-hidden":"true"}),"sourcecmp"),e("nav",{class:"nav"},e("a",{href:"/compare","aria-current":t==="compare"?"page":null},i("compare")),e("a",{href:"/"},i("playground"))),e("button",{type:"button",class:"lang","data-testid":"lang-toggle","aria-label":i("switchLangLabel"),onclick:()=>x(d()==="ja"?"en":"ja")},i("switchLang")));o(),m(o);let s=document.getElementById("app");return p(s,n,a),a}function N(t){p(t,e("p",{class:"status",role:"status"},i("loading")))}function y(t,n,a){p(t,e("div",{class:"status status-error",role:"alert","data-testid":"error"},e("h1",null,n),a&&e("p",{class:"status-detail"},a),e("button",{type:"button",onclick:()=>location.reload()},i("retry"))))}function S(t){let n=document.createDocumentFragment(),a=0;for(let o of t.matchAll(/【([^】]*)】/g))n.append(t.slice(a,o.index),e("b",{class:"hit"},o[1])),a=o.index+o[0].length;return n.append(t.slice(a)),n}var M=`query Compare($topic: String!) {
  compare(topic: $topic) {
    topic {
      slug
      name
      nameEn: name(lang: EN)
      description
      descriptionEn: description(lang: EN)
      positions {
        slug
        label
        labelEn: label(lang: EN)
      }
    }
    rows {
      document {
        slug
        title
        subtitle
        publisher
        publishedOn
      }
      authors {
        name
        affiliation
      }
      coverage
      stance {
        position
        positionLabel
        positionLabelEn: positionLabel(lang: EN)
        summary
        summaryEn: summary(lang: EN)
        citations {
          id
          quote
          anchored
          section {
            heading
          }
        }
      }
      evidence(first: 2) {
        snippet
        paragraph {
          ordinal
        }
      }
    }
  }
}
`;var j=`query Topics {
  topics {
    slug
    name
    nameEn: name(lang: EN)
  }
}
`;var g=C("compare"),v=null;async function T(){N(g);try{let{topics:t}=await f(j);if(t.length===0)return y(g,i("noTopics"));let n=new URLSearchParams(location.search).get("topic"),a=t.some(s=>s.slug===n)?n:t[0].slug;a!==n&&history.replaceState(null,"",b(a));let{compare:o}=await f(M,{topic:a});v={topics:t,...o},R()}catch(t){y(g,i("error"),t instanceof c?t.message:String(t))}}function b(t){let n=new URLSearchParams(location.search);return n.set("topic",t),`/compare?${n}`}function R(){if(!v)return;let{topics:t,topic:n,rows:a}=v;document.title=`${l(n.name,n.nameEn)} — sourcecmp`,p(g,e("nav",{class:"topics","aria-label":i("topic"),"data-testid":"topic-picker"},t.map(o=>e("a",{class:"chip",href:b(o.slug),"data-topic":o.slug,"aria-current":o.slug===n.slug?"page":null,onclick:s=>{s.preventDefault(),history.pushState(null,"",b(o.slug)),T()}},l(o.name,o.nameEn)))),e("section",{class:"topic-head"},e("h1",null,l(n.name,n.nameEn)),e("p",{class:"topic-desc"},l(n.description,n.descriptionEn)),A(n.positions,a)),a.length===0?e("p",{class:"status"},i("noDocuments")):e("div",{class:"columns","data-testid":"compare-columns"},a.map(o=>F(o,n.positions))))}function A(t,n){let a=s=>n.filter(r=>r.stance?.position===s).length,o=n.filter(s=>!s.stance).length;return e("ul",{class:"legend","aria-label":i("positions")},t.map((s,r)=>e("li",{class:`pill pos-${r%6}`},l(s.label,s.labelEn),e("span",{class:"pill-count"},a(s.slug)))),o>0&&e("li",{class:"pill pos-none"},i("noStance"),e("span",{class:"pill-count"},o)))}function F(t,n){let a=t.document,o=`/documents/${encodeURIComponent(a.slug)}`,s=[a.publisher,w(a.publishedOn)].filter(Boolean).join(" · ");return e("article",{class:"doc-col","data-testid":"document-column","data-slug":a.slug},e("header",{class:"doc-head"},s&&e("p",{class:"doc-meta"},s),e("h2",{class:"doc-title"},e("a",{href:o},a.title??a.slug)),t.authors.length>0&&e("p",{class:"doc-authors"},t.authors.map((r,$)=>[$>0&&"、",r.name,r.affiliation&&e("span",{class:"affil"},`（${r.affiliation}）`)]))),I(t,n),U(t.coverage),(t.stance?K(t,o):O(t,o))??e("div",{class:"doc-empty"}))}function I(t,n){let a=t.stance;if(!a)return e("p",{class:"no-stance","data-testid":"no-stance"},i("noStance"));let o=n.findIndex(s=>s.slug===a.position);return e("div",{class:"stance","data-position":a.position},e("span",{class:`pill pos-${o<0?"none":o%6}`},l(a.positionLabel,a.positionLabelEn)),e("p",{class:"summary",lang:d()==="en"&&a.summaryEn?"en":"ja"},l(a.summary,a.summaryEn)))}function U(t){let n=t>0&&t<.005?"<1%":`${Math.round(t*100)}%`,a=e("div",{class:"coverage-fill"});return a.style.width=`${Math.max(0,Math.min(1,t))*100}%`,e("div",{class:"coverage","data-testid":"coverage"},e("div",{class:"coverage-label"},e("span",null,i("coverage")),e("span",{class:"coverage-pct"},n)),e("div",{class:"coverage-track",role:"meter","aria-valuemin":0,"aria-valuemax":100,"aria-valuenow":Math.round(t*100),"aria-label":i("coverage")},a))}function K(t,n){let a=t.stance?.citations??[];return a.length===0?null:e("section",{class:"citations"},e("h3",null,i("citations")),e("ol",null,a.map(o=>e("li",null,e("a",{class:"citation",href:`${n}#c=${encodeURIComponent(o.id)}`,"data-testid":"citation-link","data-citation":o.id,title:i("openCitation")},e("q",{lang:"ja"},o.quote)),e("p",{class:"cite-where"},o.section?.heading&&`§ ${o.section.heading}`,!o.anchored&&e("span",{class:"warn"},i("unanchored")))))))}function O(t,n){return t.evidence.length===0?null:e("section",{class:"citations evidence"},e("h3",null,i("evidence")),e("ol",null,t.evidence.map(a=>e("li",null,e("a",{class:"citation",href:`${n}#p-${a.paragraph.ordinal}`,"data-testid":"evidence-link",lang:"ja"},S(a.snippet))))))}m(R);window.addEventListener("popstate",()=>{T()});T();
